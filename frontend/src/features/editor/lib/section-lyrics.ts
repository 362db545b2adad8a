import type { LyricLine } from '@/api/types'

/** The lyric lines that overlap [start, end): what the section's clips will be sung over. */
export function linesInRange(lines: LyricLine[], start: number, end: number): LyricLine[] {
  return lines.filter((line) => line.start < end && line.end > start)
}
