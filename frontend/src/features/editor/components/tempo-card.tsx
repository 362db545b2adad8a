import { useState } from 'react'
import type { Analysis } from '@/api/types'
import { errorMessage } from '@/api/client'
import { Button } from '@/components/ui/button'
import type { GridCorrection } from '../api/correct-analysis'
import {
  LOW_TEMPO_CONFIDENCE,
  addTap,
  currentCorrection,
  scaledTempo,
  shiftedBar,
  tapBpm,
  towardsAlternative,
  withMetre,
} from '../lib/tempo-correction'

interface Props {
  analysis: Analysis
  locked: boolean
  pending: boolean
  error: unknown
  onCorrect: (correction: GridCorrection) => void
}

/** Tempo, metre and bar start, with the musician's corrections: half/double time, tap tempo, bar start, 3/4–4/4. */
export function TempoCard({ analysis, locked, pending, error, onCorrect }: Props) {
  const [taps, setTaps] = useState<number[]>([])
  const current = currentCorrection(analysis.grid_correction)
  const metre = analysis.time_signature ?? 4
  const detected = analysis.detected_grid
  const detectedBpm = detected?.bpm ?? analysis.bpm
  const half = scaledTempo(current, 0.5)
  const double = scaledTempo(current, 2)
  const tapped = tapBpm(taps)
  const uncertain = !detected && analysis.tempo_confidence != null && analysis.tempo_confidence < LOW_TEMPO_CONFIDENCE
  const disabled = locked || pending

  function send(correction: GridCorrection | null) {
    if (correction) onCorrect(correction)
  }

  function sendTaps() {
    const first = taps[0] ?? 0
    onCorrect({ ...current, tempo_factor: 1, bpm: null, tap_times: taps.map((t) => (t - first) / 1000) })
    setTaps([])
  }

  return (
    <section aria-label="Tempo and bars" className="col-span-2 rounded-card border border-line bg-gradient-to-br from-violet/25 to-surface to-70% p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-xs font-medium tracking-wide text-muted uppercase">Tempo</p>
        {detected && (
          <p className="text-xs text-muted" data-testid="detected-tempo">
            Detected {Math.round(detected.bpm)} BPM · {detected.time_signature}/4
          </p>
        )}
      </div>
      <p className="mt-1 font-display text-2xl font-semibold text-ink" data-testid="tempo-value">
        {Math.round(analysis.bpm)}
        <span className="ml-1 text-sm font-medium text-muted">BPM</span>
        <span className="ml-3 text-base font-medium text-muted">
          {metre}/4 · {analysis.beat_times.length} beats
        </span>
      </p>
      {uncertain && (
        <div role="status" className="mt-2 flex flex-wrap items-center gap-2 text-xs text-[#ffd27a]">
          <span>
            Tempo uncertain ({Math.round((analysis.tempo_confidence ?? 0) * 100)}% sure) — it may be{' '}
            {analysis.bpm_alternatives.map((b) => `${Math.round(b)}`).join(' or ')} BPM.
          </span>
          {analysis.bpm_alternatives.map((bpm) => (
            <Button key={bpm} size="sm" variant="secondary" disabled={disabled} onClick={() => send(towardsAlternative(detectedBpm, bpm, current))}>
              Use {Math.round(bpm)} BPM
            </Button>
          ))}
        </div>
      )}
      {!locked && (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" disabled={disabled || !half} onClick={() => send(half)}>
            Half time
          </Button>
          <Button size="sm" variant="secondary" disabled={disabled || !double} onClick={() => send(double)}>
            Double time
          </Button>
          <Button size="sm" variant="secondary" disabled={disabled} onClick={() => send(shiftedBar(current, metre))}>
            Shift bar start
          </Button>
          <div role="group" aria-label="Time signature" className="flex gap-1">
            {([3, 4] as const).map((m) => (
              <Button key={m} size="sm" variant={metre === m ? 'primary' : 'secondary'} aria-pressed={metre === m} disabled={disabled || metre === m} onClick={() => send(withMetre(current, m))}>
                {m}/4
              </Button>
            ))}
          </div>
          <Button size="sm" variant="ghost" disabled={disabled} onClick={() => setTaps((t) => addTap(t, performance.now()))}>
            Tap{taps.length > 0 ? ` (${taps.length})` : ''}
          </Button>
          {tapped !== null && (
            <Button size="sm" variant="secondary" disabled={disabled} onClick={sendTaps}>
              Set {tapped} BPM
            </Button>
          )}
          {detected && (
            <Button size="sm" variant="ghost" disabled={disabled} onClick={() => onCorrect({ tempo_factor: 1, bar_shift: 0 })}>
              Back to detected
            </Button>
          )}
        </div>
      )}
      {error != null && (
        <p role="alert" className="mt-2 text-xs text-danger">
          {errorMessage(error)}
        </p>
      )}
    </section>
  )
}
