import { describe, expect, it } from 'vitest'
import type { EditorSection } from './editor-sections'
import { steadyGrid } from './test-grid'
import { validateSections } from './validation'

const grid = steadyGrid(60)
const section = (overrides: Partial<EditorSection> = {}): EditorSection => ({ key: 'a', label: 'Verse', start: 0, end: 60, note: '', ...overrides })

describe('validateSections', () => {
  it('accepts a valid set', () => {
    expect(validateSections([section()], grid).valid).toBe(true)
  })

  it('needs at least one section', () => {
    const result = validateSections([], grid)
    expect(result.valid).toBe(false)
    expect(result.general[0]).toMatch(/at least one/)
  })

  it('allows at most twelve sections', () => {
    const thirteen = Array.from({ length: 13 }, (_, i) => section({ key: `k${i}`, start: i * 4, end: i * 4 + 4 }))
    expect(validateSections(thirteen, grid).general[0]).toMatch(/at most 12/)
    expect(validateSections(thirteen.slice(0, 12), grid).valid).toBe(true)
  })

  it('needs a label of 1 to 40 characters', () => {
    expect(validateSections([section({ label: '   ' })], grid).bySection.a).toEqual(['Give this section a name.'])
    expect(validateSections([section({ label: 'x'.repeat(41) })], grid).bySection.a[0]).toMatch(/40 characters/)
    expect(validateSections([section({ label: 'x'.repeat(40) })], grid).valid).toBe(true)
  })

  it('limits the prompt note to 100 characters', () => {
    expect(validateSections([section({ note: 'n'.repeat(101) })], grid).bySection.a[0]).toMatch(/100 characters/)
    expect(validateSections([section({ note: 'n'.repeat(100) })], grid).valid).toBe(true)
  })

  it('rejects a section shorter than one beat', () => {
    const result = validateSections([section({ end: 0.2 }), section({ key: 'b', start: 0.2 })], grid)
    expect(result.bySection.a).toContain('This section is shorter than one beat.')
    expect(result.bySection.b).toBeUndefined()
  })
})
