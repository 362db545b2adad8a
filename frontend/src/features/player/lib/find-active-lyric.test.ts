import { describe, expect, it } from 'vitest'
import type { LyricLine } from '@/api/types'
import { findActiveLyric, uniqueLines } from './find-active-lyric'

const lines: LyricLine[] = [
  {
    start: 1,
    end: 3,
    text: 'hello dark night',
    words: [
      { start: 1, end: 1.5, word: 'hello' },
      { start: 1.6, end: 2.2, word: 'dark' },
      { start: 2.2, end: 3, word: 'night' },
    ],
  },
  { start: 4, end: 6, text: 'no word timing here' },
  { start: 6, end: 8, text: 'back to back', words: [{ start: 6, end: 8, word: 'back' }] },
]

describe('findActiveLyric', () => {
  it('is empty before the first line', () => {
    expect(findActiveLyric(lines, 0.5)).toEqual({ lineIndex: -1, wordIndex: -1 })
  })

  it('finds the line and the word being sung', () => {
    expect(findActiveLyric(lines, 1)).toEqual({ lineIndex: 0, wordIndex: 0 })
    expect(findActiveLyric(lines, 1.8)).toEqual({ lineIndex: 0, wordIndex: 1 })
    expect(findActiveLyric(lines, 2.2)).toEqual({ lineIndex: 0, wordIndex: 2 })
  })

  it('has no active word in a gap between words', () => {
    expect(findActiveLyric(lines, 1.55)).toEqual({ lineIndex: 0, wordIndex: -1 })
  })

  it('has no active line in a gap between lines', () => {
    expect(findActiveLyric(lines, 3.5)).toEqual({ lineIndex: -1, wordIndex: -1 })
  })

  it('handles lines without word timing', () => {
    expect(findActiveLyric(lines, 5)).toEqual({ lineIndex: 1, wordIndex: -1 })
  })

  it('moves to the next line exactly at the boundary', () => {
    expect(findActiveLyric(lines, 6)).toEqual({ lineIndex: 2, wordIndex: 0 })
  })

  it('is empty after the last line and for no lyrics', () => {
    expect(findActiveLyric(lines, 9)).toEqual({ lineIndex: -1, wordIndex: -1 })
    expect(findActiveLyric([], 1)).toEqual({ lineIndex: -1, wordIndex: -1 })
  })
})

describe('uniqueLines', () => {
  it('drops lines repeated across sections and keeps time order', () => {
    const crossing = { start: 4, end: 6, text: 'crossing' }
    const result = uniqueLines([[{ start: 1, end: 2, text: 'a' }, crossing], [crossing, { start: 7, end: 8, text: 'b' }]])
    expect(result.map((l) => l.text)).toEqual(['a', 'crossing', 'b'])
  })
})
