import { describe, expect, it } from 'vitest'
import {
  addSection,
  deleteSection,
  fromSuggested,
  moveBoundary,
  nudgeBoundary,
  splitAt,
  toDrafts,
  updateSection,
  type EditorSection,
} from './editor-sections'
import { steadyGrid } from './test-grid'

const grid = steadyGrid(60)

function sections(...bounds: number[]): EditorSection[] {
  return bounds.slice(0, -1).map((start, i) => ({ key: `k${i}`, label: `S${i + 1}`, start, end: bounds[i + 1], note: '' }))
}

describe('fromSuggested', () => {
  it('tiles the song from 0 to its end, closing gaps', () => {
    const result = fromSuggested(
      [
        { label: 'Intro', start_time: 0.4, end_time: 10 },
        { label: 'Verse', start_time: 12, end_time: 30 },
        { label: 'Chorus', start_time: 30, end_time: 55 },
      ],
      60,
    )
    expect(result.map((s) => [s.label, s.start, s.end])).toEqual([
      ['Intro', 0, 12],
      ['Verse', 12, 30],
      ['Chorus', 30, 60],
    ])
  })

  it('falls back to one full-song section', () => {
    expect(fromSuggested([], 60)).toMatchObject([{ start: 0, end: 60 }])
  })
})

describe('moveBoundary', () => {
  it('moves the shared edge to the snapped beat', () => {
    const result = moveBoundary(sections(0, 20, 60), 1, 23.9, grid)
    expect(result[0].end).toBe(24)
    expect(result[1].start).toBe(24)
  })

  it('keeps at least one beat in each neighbour', () => {
    const result = moveBoundary(sections(0, 20, 40, 60), 1, 45, grid)
    expect(result[0].end).toBe(39.5)
    expect(result[1].start).toBe(39.5)
    expect(result[1].end - result[1].start).toBeGreaterThanOrEqual(grid.beatLength)
  })

  it('never moves the song start or end', () => {
    const original = sections(0, 20, 60)
    expect(moveBoundary(original, 0, 5, grid)).toBe(original)
    expect(moveBoundary(original, 2, 50, grid)).toBe(original)
  })
})

describe('nudgeBoundary', () => {
  it('moves a boundary by one beat', () => {
    expect(nudgeBoundary(sections(0, 20, 60), 1, 1, grid)[1].start).toBe(20.5)
    expect(nudgeBoundary(sections(0, 20, 60), 1, -1, grid)[0].end).toBe(19.5)
  })
})

describe('splitAt', () => {
  it('splits the section under the time at the snapped beat', () => {
    const result = splitAt(sections(0, 20, 60), 30.1, grid)
    expect(result.error).toBeNull()
    expect(result.sections.map((s) => [s.start, s.end])).toEqual([
      [0, 20],
      [20, 30],
      [30, 60],
    ])
    expect(result.sections[2].label).toBe('S3')
  })

  it('refuses a split that would leave less than one beat', () => {
    const result = splitAt(sections(0, 20, 60), 20.1, grid)
    expect(result.error).toMatch(/at least one beat/)
    expect(result.sections).toHaveLength(2)
  })

  it('refuses a 13th section', () => {
    const twelve = sections(0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60)
    expect(splitAt(twelve, 52, grid).error).toMatch(/at most 12/)
  })
})

describe('addSection', () => {
  it('halves the longest section', () => {
    const result = addSection(sections(0, 10, 60), grid)
    expect(result.error).toBeNull()
    expect(result.sections.map((s) => [s.start, s.end])).toEqual([
      [0, 10],
      [10, 35],
      [35, 60],
    ])
    expect(result.sections[2].label).toBe('Section 3')
  })
})

describe('deleteSection', () => {
  it('gives the time to the previous section', () => {
    const result = deleteSection(sections(0, 20, 40, 60), 'k1')
    expect(result.sections.map((s) => [s.start, s.end])).toEqual([
      [0, 40],
      [40, 60],
    ])
  })

  it('gives the first section’s time to the next one', () => {
    const result = deleteSection(sections(0, 20, 60), 'k0')
    expect(result.sections).toMatchObject([{ start: 0, end: 60 }])
  })

  it('keeps the last remaining section', () => {
    expect(deleteSection(sections(0, 60), 'k0').error).toMatch(/at least one/)
  })
})

describe('toDrafts', () => {
  it('trims labels and notes for the API', () => {
    const edited = updateSection(sections(0, 60), 'k0', { label: '  Drop ', note: ' lasers ' })
    expect(toDrafts(edited)).toEqual([{ label: 'Drop', start_time: 0, end_time: 60, prompt_note: 'lasers' }])
  })
})
