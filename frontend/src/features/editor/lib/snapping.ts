import { nearestIndex, type BeatGrid } from './beat-grid'

/**
 * Snaps a time to the beat grid: the nearest downbeat when one lies within half a beat,
 * otherwise the nearest beat. With no beats detected the time is returned unchanged.
 */
export function snapToBeat(t: number, grid: BeatGrid): number {
  const downbeatIndex = nearestIndex(grid.downbeats, t)
  if (downbeatIndex !== -1) {
    const downbeat = grid.downbeats[downbeatIndex]
    if (Math.abs(downbeat - t) <= grid.beatLength / 2) return downbeat
  }
  const beatIndex = nearestIndex(grid.beats, t)
  return beatIndex === -1 ? t : grid.beats[beatIndex]
}

/** The beat strictly before (direction -1) or after (+1) t, or null when there is none. */
export function adjacentBeat(t: number, direction: -1 | 1, grid: BeatGrid): number | null {
  const epsilon = 1e-3
  if (direction === 1) {
    const next = grid.beats.find((beat) => beat > t + epsilon)
    return next ?? null
  }
  for (let i = grid.beats.length - 1; i >= 0; i--) {
    if (grid.beats[i] < t - epsilon) return grid.beats[i]
  }
  return null
}
