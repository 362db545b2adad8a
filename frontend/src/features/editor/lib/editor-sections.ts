import type { Section, SectionDraft, SuggestedSection } from '@/api/types'
import type { BeatGrid } from './beat-grid'
import { adjacentBeat, snapToBeat } from './snapping'
import { MAX_SECTIONS } from './section-limits'

/**
 * A section while it is being edited. Sections tile the song: each starts where the previous
 * ends, the first at 0 and the last at the song's end, so moving an edge moves a shared boundary.
 */
export interface EditorSection {
  key: string
  label: string
  start: number
  end: number
  note: string
}

let keyCounter = 0
export function newSectionKey(): string {
  keyCounter += 1
  return `section-${keyCounter}`
}

/** Makes any list of (possibly gapped or overlapping) ranges tile [0, duration]. */
function tile(sections: EditorSection[], duration: number): EditorSection[] {
  const sorted = [...sections].sort((a, b) => a.start - b.start)
  return sorted.map((section, i) => ({
    ...section,
    start: i === 0 ? 0 : sorted[i].start,
    end: i === sorted.length - 1 ? duration : sorted[i + 1].start,
  }))
}

export function fromSuggested(suggested: SuggestedSection[], duration: number): EditorSection[] {
  if (suggested.length === 0) return [{ key: newSectionKey(), label: 'Full song', start: 0, end: duration, note: '' }]
  return tile(
    suggested.slice(0, MAX_SECTIONS).map((s) => ({ key: newSectionKey(), label: s.label, start: s.start_time, end: s.end_time, note: '' })),
    duration,
  )
}

export function fromStored(stored: Section[]): EditorSection[] {
  return [...stored]
    .sort((a, b) => a.index - b.index)
    .map((s) => ({ key: s.id, label: s.label, start: s.start_time, end: s.end_time, note: s.prompt_note ?? '' }))
}

export function toDrafts(sections: EditorSection[]): SectionDraft[] {
  return sections.map((s) => ({ label: s.label.trim(), start_time: round3(s.start), end_time: round3(s.end), prompt_note: s.note.trim() }))
}

function round3(t: number): number {
  return Math.round(t * 1000) / 1000
}

export function sectionIndexAt(sections: EditorSection[], t: number): number {
  const index = sections.findIndex((s) => t >= s.start && t < s.end)
  if (index !== -1) return index
  return t >= (sections.at(-1)?.end ?? 0) ? sections.length - 1 : 0
}

/**
 * Moves the boundary between sections[boundary - 1] and sections[boundary] to the beat nearest t,
 * keeping at least one beat on each side. Boundary 0 (song start) and sections.length (song end) are fixed.
 */
export function moveBoundary(sections: EditorSection[], boundary: number, t: number, grid: BeatGrid): EditorSection[] {
  if (boundary <= 0 || boundary >= sections.length) return sections
  const before = sections[boundary - 1]
  const after = sections[boundary]
  const lowest = before.start + grid.beatLength
  const highest = after.end - grid.beatLength
  if (lowest > highest + 1e-6) return sections
  let snapped = snapToBeat(t, grid)
  if (snapped < lowest - 1e-6 || snapped > highest + 1e-6) {
    // The nearest beat would squeeze a neighbour under one beat: take the closest beat that fits.
    const fits = grid.beats.filter((b) => b >= lowest - 1e-6 && b <= highest + 1e-6)
    if (fits.length === 0) return sections
    snapped = fits.reduce((best, b) => (Math.abs(b - t) < Math.abs(best - t) ? b : best), fits[0])
  }
  if (snapped === before.end) return sections
  const next = [...sections]
  next[boundary - 1] = { ...before, end: snapped }
  next[boundary] = { ...after, start: snapped }
  return next
}

/** Moves a boundary to the previous or next beat. */
export function nudgeBoundary(sections: EditorSection[], boundary: number, direction: -1 | 1, grid: BeatGrid): EditorSection[] {
  if (boundary <= 0 || boundary >= sections.length) return sections
  const target = adjacentBeat(sections[boundary].start, direction, grid)
  if (target === null) return sections
  const lowest = sections[boundary - 1].start + grid.beatLength
  const highest = sections[boundary].end - grid.beatLength
  if (target < lowest - 1e-6 || target > highest + 1e-6) return sections
  const next = [...sections]
  next[boundary - 1] = { ...next[boundary - 1], end: target }
  next[boundary] = { ...next[boundary], start: target }
  return next
}

export type EditResult = { sections: EditorSection[]; error: null } | { sections: EditorSection[]; error: string }

/** Splits the section under t at the beat nearest t; the new right half is labelled after its parent. */
export function splitAt(sections: EditorSection[], t: number, grid: BeatGrid): EditResult {
  if (sections.length >= MAX_SECTIONS) return { sections, error: `A song can have at most ${MAX_SECTIONS} sections.` }
  const index = sectionIndexAt(sections, t)
  const target = sections[index]
  const at = snapToBeat(t, grid)
  if (at - target.start < grid.beatLength - 1e-6 || target.end - at < grid.beatLength - 1e-6) {
    return { sections, error: 'Move the playhead further inside a section: each part needs at least one beat.' }
  }
  const left: EditorSection = { ...target, end: at }
  const right: EditorSection = { key: newSectionKey(), label: nextLabel(target.label), start: at, end: target.end, note: target.note }
  return { sections: [...sections.slice(0, index), left, right, ...sections.slice(index + 1)], error: null }
}

/** Adds a section by halving the longest one, so the user gets space to work with. */
export function addSection(sections: EditorSection[], grid: BeatGrid): EditResult {
  if (sections.length === 0) {
    return { sections: [{ key: newSectionKey(), label: 'Section 1', start: 0, end: grid.duration, note: '' }], error: null }
  }
  const longest = sections.reduce((best, s, i) => (s.end - s.start > sections[best].end - sections[best].start ? i : best), 0)
  const target = sections[longest]
  const result = splitAt(sections, (target.start + target.end) / 2, grid)
  if (result.error !== null) {
    return { sections, error: sections.length >= MAX_SECTIONS ? result.error : 'There is no room for another section.' }
  }
  const added = result.sections[longest + 1]
  result.sections[longest + 1] = { ...added, label: `Section ${sections.length + 1}`, note: '' }
  return result
}

/** Deletes a section; its time goes to the previous section (or the next, for the first one). */
export function deleteSection(sections: EditorSection[], key: string): EditResult {
  if (sections.length <= 1) return { sections, error: 'A song needs at least one section.' }
  const index = sections.findIndex((s) => s.key === key)
  if (index === -1) return { sections, error: null }
  const next = sections.filter((s) => s.key !== key)
  if (index === 0) next[0] = { ...next[0], start: sections[0].start }
  else next[index - 1] = { ...next[index - 1], end: sections[index].end }
  return { sections: next, error: null }
}

export function updateSection(sections: EditorSection[], key: string, change: Partial<Pick<EditorSection, 'label' | 'note'>>): EditorSection[] {
  return sections.map((s) => (s.key === key ? { ...s, ...change } : s))
}

function nextLabel(label: string): string {
  const numbered = /^(.*?)(\d+)$/.exec(label.trim())
  if (numbered) return `${numbered[1]}${Number(numbered[2]) + 1}`
  return `${label.trim() || 'Section'} 2`.slice(0, 40)
}
