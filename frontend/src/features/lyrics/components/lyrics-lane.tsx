import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import type { LyricLine } from '@/api/types'
import { formatPreciseTime } from '@/lib/format'
import { BIG_NUDGE_SEC, lanePosition, moveLine, NUDGE_SEC } from '../lib/lane'

interface Props {
  lines: LyricLine[]
  duration: number
  peaks: number[]
  unplaced: number[][]
  readOnly?: boolean
  onChange: (lines: LyricLine[]) => void
}

const LANE_HEIGHT = 112

/**
 * The song's waveform with each lyric line on it. A line is dragged with the mouse or moved with the
 * arrow keys (Shift: 1 s); stretches where singing was heard but no line is placed are hatched.
 */
export function LyricsLane({ lines, duration, peaks, unplaced, readOnly = false, onChange }: Props) {
  const laneRef = useRef<HTMLDivElement>(null)
  const drag = useRef<{ index: number; x: number; lines: LyricLine[] } | null>(null)
  const [selected, setSelected] = useState<number | null>(null)

  function secondsPerPixel() {
    const width = laneRef.current?.getBoundingClientRect().width ?? 0
    return width > 0 ? duration / width : 0
  }

  function startDrag(event: PointerEvent<HTMLButtonElement>, index: number) {
    setSelected(index)
    if (readOnly) return
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { index, x: event.clientX, lines }
  }

  function dragMove(event: PointerEvent<HTMLButtonElement>) {
    const state = drag.current
    if (!state) return
    const delta = (event.clientX - state.x) * secondsPerPixel()
    onChange(moveLine(state.lines, state.index, delta, duration))
  }

  function endDrag() {
    drag.current = null
  }

  function nudge(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    if (readOnly || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return
    event.preventDefault()
    const step = event.shiftKey ? BIG_NUDGE_SEC : NUDGE_SEC
    onChange(moveLine(lines, index, event.key === 'ArrowLeft' ? -step : step, duration))
  }

  const bars = peaks.length > 0 ? peaks : [0]
  const current = selected !== null ? lines[selected] : undefined

  return (
    <div className="flex flex-col gap-2">
      <div
        ref={laneRef}
        className="relative w-full overflow-hidden rounded-xl border border-line bg-night/60"
        style={{ height: LANE_HEIGHT }}
        data-testid="lyrics-lane"
      >
        <svg className="absolute inset-0 h-full w-full" viewBox={`0 0 ${bars.length} 100`} preserveAspectRatio="none" aria-hidden="true">
          {bars.map((peak, i) => {
            const h = Math.max(1, Math.min(1, Math.abs(peak)) * 90)
            return <rect key={i} x={i} y={50 - h / 2} width={0.7} height={h} fill="#4a4a66" />
          })}
        </svg>
        {unplaced.map(([start, end]) => {
          const { left, width } = lanePosition(start, end, duration)
          return (
            <div
              key={`${start}-${end}`}
              className="absolute inset-y-0 border-x border-magenta/70"
              style={{
                left: `${left}%`,
                width: `${width}%`,
                backgroundImage: 'repeating-linear-gradient(135deg, rgba(255,126,250,0.25) 0 6px, transparent 6px 12px)',
              }}
              title={`Singing heard ${formatPreciseTime(start)}–${formatPreciseTime(end)}, no line placed`}
              data-testid="unplaced-vocals"
            />
          )
        })}
        {lines.map((line, index) => {
          const { left, width } = lanePosition(line.start, line.end, duration)
          const row = index % 2
          return (
            <button
              key={index}
              type="button"
              className={
                'absolute h-9 cursor-grab touch-none truncate rounded-md border px-1.5 text-left text-[11px] leading-9 text-ink focus-visible:outline-2 focus-visible:outline-aqua active:cursor-grabbing ' +
                (selected === index ? 'border-aqua bg-violet/70' : 'border-violet/60 bg-violet/35')
              }
              style={{ left: `${left}%`, width: `${width}%`, top: row === 0 ? 14 : LANE_HEIGHT - 14 - 36 }}
              aria-label={`Line ${index + 1}: ${line.text}, ${formatPreciseTime(line.start)} to ${formatPreciseTime(line.end)}`}
              aria-describedby="lyrics-lane-keys"
              onPointerDown={(event) => startDrag(event, index)}
              onPointerMove={dragMove}
              onPointerUp={endDrag}
              onPointerCancel={endDrag}
              onKeyDown={(event) => nudge(event, index)}
              onFocus={() => setSelected(index)}
              data-testid="lyric-line"
            >
              {line.text}
            </button>
          )
        })}
      </div>
      <p id="lyrics-lane-keys" className="text-xs text-muted">
        {readOnly
          ? 'Lines as placed in the song.'
          : 'Drag a line, or focus it and use ← → to move it by 0.1 s (Shift: 1 s). Hatched stretches: singing heard, no line placed.'}
      </p>
      {current && (
        <p className="text-sm text-ink" aria-live="polite">
          <span className="tabular-nums text-muted">
            {formatPreciseTime(current.start)}–{formatPreciseTime(current.end)}
          </span>{' '}
          {current.text}
        </p>
      )}
      {unplaced.length > 0 && (
        <p className="text-xs text-magenta" data-testid="unplaced-summary">
          Singing with no line: {unplaced.map(([s, e]) => `${formatPreciseTime(s)}–${formatPreciseTime(e)}`).join(', ')}. A line may be
          missing from the words, or placed elsewhere.
        </p>
      )}
    </div>
  )
}
