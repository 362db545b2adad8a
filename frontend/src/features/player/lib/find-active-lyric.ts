import type { LyricLine } from '@/api/types'

export interface ActiveLyric {
  /** Index of the line being sung at t, or -1 between lines. */
  lineIndex: number
  /** Index of the word being sung within that line, or -1 (no word timing, or between words). */
  wordIndex: number
}

export const NO_ACTIVE_LYRIC: ActiveLyric = { lineIndex: -1, wordIndex: -1 }

/** Index of the last item whose start is at or before t, in a list sorted by start; -1 if none. */
function lastStartedIndex(items: { start: number }[], t: number): number {
  let low = 0
  let high = items.length - 1
  let found = -1
  while (low <= high) {
    const mid = (low + high) >> 1
    if (items[mid].start <= t) {
      found = mid
      low = mid + 1
    } else {
      high = mid - 1
    }
  }
  return found
}

/** Finds the line (and word) sung at time t. Lines must be sorted by start, as the API returns them. */
export function findActiveLyric(lines: LyricLine[], t: number): ActiveLyric {
  const lineIndex = lastStartedIndex(lines, t)
  if (lineIndex === -1 || t >= lines[lineIndex].end) return NO_ACTIVE_LYRIC
  const words = lines[lineIndex].words ?? []
  const wordIndex = lastStartedIndex(words, t)
  if (wordIndex === -1 || t >= words[wordIndex].end) return { lineIndex, wordIndex: -1 }
  return { lineIndex, wordIndex }
}

/** Sections repeat a line that crosses their boundary; the player needs each line once, in order. */
export function uniqueLines(groups: LyricLine[][]): LyricLine[] {
  const seen = new Set<string>()
  const lines: LyricLine[] = []
  for (const line of groups.flat()) {
    const key = `${line.start.toFixed(3)}|${line.text}`
    if (seen.has(key)) continue
    seen.add(key)
    lines.push(line)
  }
  return lines.sort((a, b) => a.start - b.start)
}
