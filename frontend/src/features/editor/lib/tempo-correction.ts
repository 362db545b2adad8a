import type { GridCorrection } from '../api/correct-analysis'

/** Below this the editor says the tempo octave is uncertain and offers the alternatives. */
export const LOW_TEMPO_CONFIDENCE = 0.6
const TAP_RESET_MS = 2000
const MIN_TAPS = 4

export function currentCorrection(stored: GridCorrection | null | undefined): GridCorrection {
  return {
    tempo_factor: stored?.tempo_factor ?? 1,
    bpm: stored?.bpm ?? null,
    bar_shift: stored?.bar_shift ?? 0,
    time_signature: stored?.time_signature ?? null,
  }
}

/** Half or double time relative to what is shown now (the server applies factors to the detection). */
export function scaledTempo(current: GridCorrection, scale: 0.5 | 2): GridCorrection | null {
  const factor = (current.tempo_factor ?? 1) * scale
  if (current.bpm != null || factor < 0.5 || factor > 2) return null
  return { ...current, tempo_factor: factor, bpm: null }
}

/** The correction that shows `bpm`, one of the detection's half or double. */
export function towardsAlternative(detectedBpm: number, bpm: number, current: GridCorrection): GridCorrection {
  const factor = bpm < detectedBpm ? 0.5 : 2
  return { ...current, tempo_factor: factor, bpm: null }
}

export function shiftedBar(current: GridCorrection, metre: number): GridCorrection {
  return { ...current, bar_shift: ((current.bar_shift ?? 0) + 1) % metre }
}

export function withMetre(current: GridCorrection, metre: 3 | 4): GridCorrection {
  return { ...current, time_signature: metre, bar_shift: 0 }
}

/** Tap times (ms) kept while the taps keep coming; a pause starts a new run. */
export function addTap(taps: number[], now: number): number[] {
  const last = taps[taps.length - 1]
  return last !== undefined && now - last > TAP_RESET_MS ? [now] : [...taps, now].slice(-16)
}

/** The tempo the taps give (median interval), or null until there are enough of them. */
export function tapBpm(taps: number[]): number | null {
  if (taps.length < MIN_TAPS) return null
  const intervals = taps.slice(1).map((t, i) => t - taps[i]!).sort((a, b) => a - b)
  const median = intervals[Math.floor(intervals.length / 2)]!
  return median > 0 ? Math.round(60000 / median) : null
}
