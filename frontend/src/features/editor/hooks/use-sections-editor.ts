import { useCallback, useMemo, useState } from 'react'
import type { BeatGrid } from '../lib/beat-grid'
import {
  addSection,
  deleteSection,
  moveBoundary,
  nudgeBoundary,
  splitAt,
  updateSection,
  type EditorSection,
  type EditResult,
} from '../lib/editor-sections'
import { validateSections } from '../lib/validation'

export interface SectionsEditor {
  sections: EditorSection[]
  /** The last edit that could not be made, in words. */
  notice: string | null
  dirty: boolean
  validation: ReturnType<typeof validateSections>
  replaceAll: (sections: EditorSection[], options?: { dirty?: boolean }) => void
  add: () => void
  splitAt: (t: number) => void
  remove: (key: string) => void
  rename: (key: string, label: string) => void
  setNote: (key: string, note: string) => void
  moveBoundary: (boundary: number, t: number) => void
  nudgeBoundary: (boundary: number, direction: -1 | 1) => void
  markSaved: () => void
}

/** Section editing state: pure edits from lib/, plus the last refusal message and a dirty flag. */
export function useSectionsEditor(initial: EditorSection[], grid: BeatGrid, { unsaved = false } = {}): SectionsEditor {
  const [sections, setSections] = useState(initial)
  const [notice, setNotice] = useState<string | null>(null)
  const [dirty, setDirty] = useState(unsaved)

  const apply = useCallback((result: EditResult) => {
    setNotice(result.error)
    if (result.error === null) {
      setSections(result.sections)
      setDirty(true)
    }
  }, [])

  const change = useCallback((update: (current: EditorSection[]) => EditorSection[]) => {
    setNotice(null)
    setSections((current) => update(current))
    setDirty(true)
  }, [])

  const validation = useMemo(() => validateSections(sections, grid), [sections, grid])

  return {
    sections,
    notice,
    dirty,
    validation,
    replaceAll: useCallback((next, options) => {
      setSections(next)
      setNotice(null)
      setDirty(options?.dirty ?? true)
    }, []),
    add: useCallback(() => apply(addSection(sections, grid)), [apply, sections, grid]),
    splitAt: useCallback((t) => apply(splitAt(sections, t, grid)), [apply, sections, grid]),
    remove: useCallback((key) => apply(deleteSection(sections, key)), [apply, sections]),
    rename: useCallback((key, label) => change((current) => updateSection(current, key, { label })), [change]),
    setNote: useCallback((key, note) => change((current) => updateSection(current, key, { note })), [change]),
    moveBoundary: useCallback((boundary, t) => change((current) => moveBoundary(current, boundary, t, grid)), [change, grid]),
    nudgeBoundary: useCallback((boundary, direction) => change((current) => nudgeBoundary(current, boundary, direction, grid)), [change, grid]),
    markSaved: useCallback(() => setDirty(false), []),
  }
}
