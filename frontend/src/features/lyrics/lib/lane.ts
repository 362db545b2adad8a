import type { LyricLine } from '@/api/types'

/** Smallest gap kept between two lines when one is moved against the other (seconds). */
export const LINE_GAP_SEC = 0.05
export const NUDGE_SEC = 0.1
export const BIG_NUDGE_SEC = 1

/**
 * The lines with line `index` (and its words) shifted by `delta` seconds, held inside the song and
 * between its neighbours so the lines stay in order. Other lines are untouched.
 */
export function moveLine(lines: LyricLine[], index: number, delta: number, duration: number): LyricLine[] {
  const line = lines[index]
  if (!line) return lines
  const length = line.end - line.start
  const earliest = index > 0 ? lines[index - 1].start + LINE_GAP_SEC : 0
  const latest = Math.min(duration - length, index + 1 < lines.length ? lines[index + 1].start - LINE_GAP_SEC : Infinity)
  const start = Math.max(earliest, Math.min(latest, line.start + delta))
  const shift = round3(start - line.start)
  if (shift === 0) return lines
  const moved: LyricLine = {
    ...line,
    start: round3(line.start + shift),
    end: round3(line.end + shift),
    words: line.words?.map((w) => ({ ...w, start: round3(w.start + shift), end: round3(w.end + shift) })),
  }
  return lines.map((l, i) => (i === index ? moved : l))
}

/** Where a line sits on a lane of the song's length, in percent of its width. */
export function lanePosition(start: number, end: number, duration: number): { left: number; width: number } {
  const total = Math.max(duration, 0.001)
  const left = (Math.max(0, start) / total) * 100
  const width = (Math.max(end - start, 0.2) / total) * 100
  return { left: Math.min(left, 100), width: Math.min(width, 100 - Math.min(left, 100)) }
}

/** The pasted text's lines (blank lines between stanzas dropped), as the server aligns them. */
export function lyricLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/).join(' '))
    .filter((line) => line.length > 0)
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000
}
