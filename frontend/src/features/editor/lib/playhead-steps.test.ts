import { describe, expect, it } from 'vitest'
import { createBeatGrid } from './beat-grid'
import { describeBeat, stepPlayhead } from './playhead-steps'

const beats = Array.from({ length: 16 }, (_, i) => 0.5 + i * 0.5)
const grid = createBeatGrid(beats, beats.filter((_, i) => i % 4 === 0), 9, 120)

describe('stepPlayhead', () => {
  it('moves to the next and previous beat', () => {
    expect(stepPlayhead(0, 1, grid)).toBe(0.5)
    expect(stepPlayhead(0.5, 1, grid)).toBe(1)
    expect(stepPlayhead(1.2, -1, grid)).toBe(1)
    expect(stepPlayhead(1, -1, grid)).toBe(0.5)
  })

  it('moves by bar starts with shift', () => {
    expect(stepPlayhead(0.6, 1, grid, true)).toBe(2.5)
    expect(stepPlayhead(2.5, 1, grid, true)).toBe(4.5)
    expect(stepPlayhead(4.4, -1, grid, true)).toBe(2.5)
  })

  it('runs out to the ends of the song', () => {
    expect(stepPlayhead(8, 1, grid)).toBe(9)
    expect(stepPlayhead(0.2, -1, grid)).toBe(0)
    expect(stepPlayhead(7, 1, grid, true)).toBe(9)
  })

  it('steps by a typical beat when nothing was detected', () => {
    const empty = createBeatGrid([], [], 10, 120)
    expect(stepPlayhead(1, 1, empty)).toBeCloseTo(1.5)
    expect(stepPlayhead(1, -1, empty, true)).toBe(0)
  })
})

describe('describeBeat', () => {
  it('names the beat within its bar', () => {
    expect(describeBeat(0.2, grid)).toBe('before the first bar')
    expect(describeBeat(0.5, grid)).toBe('beat 1 of bar 1')
    expect(describeBeat(2.0, grid)).toBe('beat 4 of bar 1')
    expect(describeBeat(2.6, grid)).toBe('beat 1 of bar 2')
  })
})
