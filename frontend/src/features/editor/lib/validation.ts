import type { BeatGrid } from './beat-grid'
import type { EditorSection } from './editor-sections'
import { MAX_LABEL_LENGTH, MAX_NOTE_LENGTH, MAX_SECTIONS, MIN_SECTIONS } from './section-limits'

export { MAX_LABEL_LENGTH, MAX_NOTE_LENGTH, MAX_SECTIONS, MIN_SECTIONS } from './section-limits'

export interface SectionsValidation {
  /** Problems with the set as a whole. */
  general: string[]
  /** Problems per section, by key. */
  bySection: Record<string, string[]>
  valid: boolean
}

/** Mirrors the API's rules so the user sees a problem before saving. */
export function validateSections(sections: EditorSection[], grid: BeatGrid): SectionsValidation {
  const general: string[] = []
  const bySection: Record<string, string[]> = {}
  const add = (key: string, message: string) => {
    ;(bySection[key] ??= []).push(message)
  }

  if (sections.length < MIN_SECTIONS) general.push('Add at least one section.')
  if (sections.length > MAX_SECTIONS) general.push(`Use at most ${MAX_SECTIONS} sections (you have ${sections.length}).`)

  for (const section of sections) {
    const label = section.label.trim()
    if (label.length === 0) add(section.key, 'Give this section a name.')
    else if (label.length > MAX_LABEL_LENGTH) add(section.key, `Keep the name to ${MAX_LABEL_LENGTH} characters.`)
    if (section.note.trim().length > MAX_NOTE_LENGTH) add(section.key, `Keep the note to ${MAX_NOTE_LENGTH} characters.`)
    // A small tolerance: snapped boundaries can sit a hair under the median beat length.
    if (section.end - section.start < grid.beatLength * 0.9) add(section.key, 'This section is shorter than one beat.')
    if (section.end <= section.start) add(section.key, 'This section ends before it starts.')
  }

  const valid = general.length === 0 && Object.keys(bySection).length === 0
  return { general, bySection, valid }
}
