/** The song's beat grid, as the editor needs it for snapping. */
export interface BeatGrid {
  /** Ascending beat times in seconds. */
  beats: number[]
  /** Ascending downbeat (bar start) times in seconds, a subset of the beats. */
  downbeats: number[]
  duration: number
  /** Typical seconds between beats (60 / bpm). */
  beatLength: number
}

export function createBeatGrid(beats: number[], downbeats: number[], duration: number, bpm: number): BeatGrid {
  const sortedBeats = [...beats].sort((a, b) => a - b)
  const fromTempo = bpm > 0 ? 60 / bpm : 0.5
  return {
    beats: sortedBeats,
    downbeats: [...downbeats].sort((a, b) => a - b),
    duration,
    beatLength: medianGap(sortedBeats) ?? fromTempo,
  }
}

function medianGap(sorted: number[]): number | null {
  if (sorted.length < 2) return null
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i]).sort((a, b) => a - b)
  return gaps[Math.floor(gaps.length / 2)]
}

/** Index of the value nearest to t in an ascending list, or -1 when empty. */
export function nearestIndex(sorted: number[], t: number): number {
  if (sorted.length === 0) return -1
  let low = 0
  let high = sorted.length - 1
  while (low < high) {
    const mid = (low + high) >> 1
    if (sorted[mid] < t) low = mid + 1
    else high = mid
  }
  if (low > 0 && Math.abs(sorted[low - 1] - t) <= Math.abs(sorted[low] - t)) return low - 1
  return low
}
