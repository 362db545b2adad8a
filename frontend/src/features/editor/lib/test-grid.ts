import { createBeatGrid, type BeatGrid } from './beat-grid'

/** A steady 120 BPM grid (a beat every 0.5 s, a bar every 2 s) for tests. */
export function steadyGrid(duration = 60, bpm = 120): BeatGrid {
  const beatLength = 60 / bpm
  const beats: number[] = []
  for (let t = 0; t < duration - 1e-9; t += beatLength) beats.push(Math.round(t * 1000) / 1000)
  const downbeats = beats.filter((_, i) => i % 4 === 0)
  return createBeatGrid(beats, downbeats, duration, bpm)
}
