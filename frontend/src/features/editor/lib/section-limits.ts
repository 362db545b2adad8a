/** What the API accepts for a song's sections (backend: schemas.SectionIn and planning/sections.py). */
export const MIN_SECTIONS = 1
export const MAX_SECTIONS = 12
export const MAX_LABEL_LENGTH = 40
export const MAX_NOTE_LENGTH = 100
