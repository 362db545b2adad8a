import { describe, expect, it } from 'vitest'
import type { LyricLine } from '@/api/types'
import { lanePosition, lyricLines, moveLine } from './lane'

const lines: LyricLine[] = [
  { start: 1, end: 3, text: 'one two', words: [{ start: 1, end: 2, word: 'one' }, { start: 2, end: 3, word: 'two' }] },
  { start: 5, end: 7, text: 'three', words: [{ start: 5, end: 7, word: 'three' }] },
  { start: 10, end: 12, text: 'four', words: [{ start: 10, end: 12, word: 'four' }] },
]

describe('moveLine', () => {
  it('shifts a line and its words together', () => {
    const moved = moveLine(lines, 1, 0.5, 20)
    expect(moved[1]).toEqual({ start: 5.5, end: 7.5, text: 'three', words: [{ start: 5.5, end: 7.5, word: 'three' }] })
    expect(moved[0]).toBe(lines[0])
    expect(moved[2]).toBe(lines[2])
  })

  it('never passes a neighbour, so lines stay in order', () => {
    expect(moveLine(lines, 1, 10, 20)[1].start).toBe(9.95)
    expect(moveLine(lines, 1, -10, 20)[1].start).toBe(1.05)
  })

  it('stays inside the song', () => {
    expect(moveLine(lines, 0, -5, 20)[0].start).toBe(0)
    expect(moveLine(lines, 2, 30, 13)[2].end).toBe(13)
  })

  it('returns the same array when nothing moves', () => {
    expect(moveLine(lines, 0, -5, 20).length).toBe(3)
    const pinned = moveLine(lines, 0, -1, 20)
    expect(moveLine(pinned, 0, -1, 20)).toBe(pinned)
  })
})

describe('lanePosition', () => {
  it('places a line in percent of the song', () => {
    expect(lanePosition(5, 10, 100)).toEqual({ left: 5, width: 5 })
  })
  it('gives very short lines a visible width and never runs off the end', () => {
    expect(lanePosition(99.9, 99.95, 100).width).toBeCloseTo(0.1)
    expect(lanePosition(1, 1, 100).width).toBeCloseTo(0.2)
  })
})

describe('lyricLines', () => {
  it('drops blank lines between stanzas and tidies spaces', () => {
    expect(lyricLines('a  b\n\n  c\r\n\n')).toEqual(['a b', 'c'])
  })
})
