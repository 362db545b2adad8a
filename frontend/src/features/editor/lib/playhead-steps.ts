import type { BeatGrid } from './beat-grid'

const EPSILON = 1e-3

function adjacent(times: number[], t: number, direction: -1 | 1): number | null {
  if (direction === 1) return times.find((x) => x > t + EPSILON) ?? null
  for (let i = times.length - 1; i >= 0; i--) if (times[i] < t - EPSILON) return times[i]
  return null
}

/**
 * Where an arrow key moves the playhead: to the next or previous beat, or bar start with `bar`.
 * Past the last mark it goes to the end (forward) or the start (back); with no grid, by one typical beat or bar.
 */
export function stepPlayhead(t: number, direction: -1 | 1, grid: BeatGrid, bar = false): number {
  const marks = bar ? grid.downbeats : grid.beats
  const next = adjacent(marks, t, direction)
  if (next !== null) return next
  if (marks.length === 0) {
    const step = grid.beatLength * (bar ? 4 : 1) * direction
    return Math.min(grid.duration, Math.max(0, t + step))
  }
  return direction === 1 ? grid.duration : 0
}

/** "beat 3 of bar 12" for a time, counting from the detected grid (1-based). */
export function describeBeat(t: number, grid: BeatGrid): string {
  const beatIndex = grid.beats.filter((b) => b <= t + EPSILON).length
  const barIndex = grid.downbeats.filter((b) => b <= t + EPSILON).length
  if (beatIndex === 0 || barIndex === 0) return 'before the first bar'
  const barStart = grid.downbeats[barIndex - 1]
  const inBar = grid.beats.filter((b) => b >= barStart - EPSILON && b <= t + EPSILON).length
  return `beat ${inBar} of bar ${barIndex}`
}
