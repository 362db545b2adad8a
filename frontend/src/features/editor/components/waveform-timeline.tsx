import { useEffect, useId, useRef, useState, type KeyboardEvent, type MutableRefObject } from 'react'
import WaveSurfer from 'wavesurfer.js'
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js'
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.esm.js'
import ZoomPlugin from 'wavesurfer.js/dist/plugins/zoom.esm.js'
import { Button } from '@/components/ui/button'
import { formatDuration, formatPreciseTime } from '@/lib/format'
import type { BeatGrid } from '../lib/beat-grid'
import type { EditorSection } from '../lib/editor-sections'
import { sectionColor, withAlpha } from '../lib/section-colors'
import { describeBeat, stepPlayhead } from '../lib/playhead-steps'
import { snapToBeat } from '../lib/snapping'
import { createBeatLayer, createSnapGuide } from './beat-layer'

export interface WaveformTimelineProps {
  audioUrl: string
  peaks: number[]
  grid: BeatGrid
  sections: EditorSection[]
  readOnly?: boolean
  /** Written on every time update, read by "Split at playhead" without re-rendering. */
  playheadRef: MutableRefObject<number>
  /** Called once per drag, on release: the boundary index and where the edge was dropped. */
  onBoundaryCommit: (boundary: number, t: number) => void
}

const MIN_ZOOM = 0
const MAX_ZOOM = 300

export function WaveformTimeline({ audioUrl, peaks, grid, sections, readOnly = false, playheadRef, onBoundaryCommit }: WaveformTimelineProps) {
  const hostRef = useRef<HTMLDivElement>(null)
  const wavesurferRef = useRef<WaveSurfer | null>(null)
  const regionsRef = useRef<RegionsPlugin | null>(null)
  const timeTextRef = useRef<HTMLSpanElement>(null)
  const sectionsRef = useRef(sections)
  sectionsRef.current = sections
  const readOnlyRef = useRef(readOnly)
  readOnlyRef.current = readOnly
  const commitRef = useRef(onBoundaryCommit)
  commitRef.current = onBoundaryCommit
  const [playing, setPlaying] = useState(false)
  const [zoom, setZoom] = useState(MIN_ZOOM)
  const [audioError, setAudioError] = useState(false)
  const keysHintId = useId()

  useEffect(() => {
    const host = hostRef.current
    if (!host) return
    const regions = RegionsPlugin.create()
    const wavesurfer = WaveSurfer.create({
      container: host,
      height: 136,
      waveColor: '#4a4a66',
      progressColor: '#8C89FF',
      cursorColor: '#00E1D9',
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barRadius: 2,
      normalize: true,
      url: audioUrl,
      // The analysis already holds the peaks: no need to download and decode the whole file to draw.
      peaks: [peaks.length > 0 ? peaks : [0]],
      duration: grid.duration,
      dragToSeek: true,
      autoCenter: true,
      plugins: [
        regions,
        TimelinePlugin.create({
          height: 18,
          style: { color: '#B6B6C9', fontSize: '11px' },
          formatTimeCallback: formatDuration,
        }),
        ZoomPlugin.create({ scale: 0.25, maxZoom: MAX_ZOOM }),
      ],
    })
    wavesurferRef.current = wavesurfer

    const wrapper = wavesurfer.getWrapper()
    wrapper.appendChild(createBeatLayer(grid))
    const guide = createSnapGuide()
    wrapper.appendChild(guide)

    const unsubscribers = [
      wavesurfer.on('timeupdate', (t) => {
        playheadRef.current = t
        if (timeTextRef.current) timeTextRef.current.textContent = formatPreciseTime(t)
        // The slider's value is written straight to the DOM: no re-render per frame while playing.
        host.setAttribute('aria-valuenow', t.toFixed(1))
        host.setAttribute('aria-valuetext', `${formatPreciseTime(t)}, ${describeBeat(t, grid)}`)
      }),
      wavesurfer.on('play', () => setPlaying(true)),
      wavesurfer.on('pause', () => setPlaying(false)),
      wavesurfer.on('finish', () => setPlaying(false)),
      wavesurfer.on('zoom', (pxPerSec) => setZoom(pxPerSec)),
      wavesurfer.on('error', () => setAudioError(true)),
      // Regions clamp to the known duration, which is 0 until the peaks are loaded: add them only then.
      wavesurfer.on('ready', () => {
        if (regionsRef.current === regions) return
        regionsRef.current = regions
        syncRegions(regions, sectionsRef.current, readOnlyRef.current)
      }),
    ]

    // During a drag only the DOM moves (neighbour edge + snap guide), once per frame; React hears of it on release.
    let frame = 0
    const onRegionUpdate = (region: Region, side?: 'start' | 'end') => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        const list = sectionsRef.current
        const index = list.findIndex((s) => s.key === region.id)
        if (index === -1 || !side) return
        const edge = side === 'start' ? region.start : region.end
        const neighbourKey = side === 'start' ? list[index - 1]?.key : list[index + 1]?.key
        const neighbour = regions.getRegions().find((r) => r.id === neighbourKey)
        neighbour?.setOptions(side === 'start' ? { end: edge } : { start: edge })
        guide.style.left = `${(snapToBeat(edge, grid) / grid.duration) * 100}%`
        guide.style.display = 'block'
      })
    }
    const onRegionUpdated = (region: Region, side?: 'start' | 'end') => {
      cancelAnimationFrame(frame)
      guide.style.display = 'none'
      const list = sectionsRef.current
      const index = list.findIndex((s) => s.key === region.id)
      if (index !== -1 && side) {
        commitRef.current(side === 'start' ? index : index + 1, side === 'start' ? region.start : region.end)
      }
      // If the move was refused, put the regions back where the state says they are.
      requestAnimationFrame(() => syncRegions(regions, sectionsRef.current, readOnlyRef.current))
    }
    unsubscribers.push(regions.on('region-update', onRegionUpdate), regions.on('region-updated', onRegionUpdated))

    return () => {
      cancelAnimationFrame(frame)
      unsubscribers.forEach((unsubscribe) => unsubscribe())
      wavesurfer.destroy()
      wavesurferRef.current = null
      regionsRef.current = null
    }
  }, [audioUrl, peaks, grid, playheadRef])

  useEffect(() => {
    if (regionsRef.current) syncRegions(regionsRef.current, sections, readOnly)
  }, [sections, readOnly])

  /** Arrows move the playhead by a beat (Shift: a bar), Home/End to the ends, Space plays or pauses. */
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const wavesurfer = wavesurferRef.current
    if (!wavesurfer) return
    const now = wavesurfer.getCurrentTime()
    let target: number | null = null
    if (event.key === 'ArrowRight' || event.key === 'ArrowUp') target = stepPlayhead(now, 1, grid, event.shiftKey)
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') target = stepPlayhead(now, -1, grid, event.shiftKey)
    else if (event.key === 'PageUp' || event.key === 'PageDown') target = stepPlayhead(now, event.key === 'PageUp' ? 1 : -1, grid, true)
    else if (event.key === 'Home') target = 0
    else if (event.key === 'End') target = grid.duration
    else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault()
      void wavesurfer.playPause()
      return
    }
    if (target === null) return
    event.preventDefault()
    wavesurfer.setTime(target)
  }

  function setZoomLevel(pxPerSec: number) {
    const next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, pxPerSec))
    wavesurferRef.current?.zoom(next)
    setZoom(next)
  }

  return (
    <div className="flex flex-col gap-3">
      <div
        ref={hostRef}
        className="waveform-host overflow-hidden rounded-xl border border-line bg-night/70 px-1 pt-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-aqua"
        role="slider"
        tabIndex={0}
        aria-label="Playhead on the waveform"
        aria-describedby={keysHintId}
        aria-valuemin={0}
        aria-valuemax={Number(grid.duration.toFixed(1))}
        aria-valuenow={0}
        aria-valuetext={`${formatPreciseTime(0)}, ${describeBeat(0, grid)}`}
        onKeyDown={onKeyDown}
      />
      <p id={keysHintId} className="sr-only">
        Arrow keys move the playhead by a beat, Shift with an arrow by a bar; Space plays or pauses. Drag a section edge to move it; it
        snaps to the beat, or use the section list below.
      </p>
      {audioError && <p className="text-xs text-danger">The audio could not be loaded; the waveform is still editable.</p>}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          size="md"
          variant="primary"
          aria-label={playing ? 'Pause' : 'Play'}
          onClick={() => void wavesurferRef.current?.playPause()}
          className="w-24"
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
          {playing ? 'Pause' : 'Play'}
        </Button>
        <span className="font-display text-sm tabular-nums text-ink" aria-label="Playhead position">
          <span ref={timeTextRef}>0:00.0</span>
          <span className="text-muted"> / {formatDuration(grid.duration)}</span>
        </span>
        <div className="ml-auto flex items-center gap-2">
          <Button size="sm" variant="ghost" aria-label="Zoom out" onClick={() => setZoomLevel(zoom <= 20 ? 0 : zoom / 1.6)}>
            −
          </Button>
          <label className="flex items-center gap-2 text-xs text-muted">
            <span className="sr-only sm:not-sr-only">Zoom</span>
            <input
              type="range"
              min={MIN_ZOOM}
              max={MAX_ZOOM}
              step={5}
              value={Math.round(zoom)}
              onChange={(e) => setZoomLevel(Number(e.target.value))}
              className="w-28 accent-violet sm:w-36"
              aria-label="Zoom"
            />
          </label>
          <Button size="sm" variant="ghost" aria-label="Zoom in" onClick={() => setZoomLevel(Math.max(20, zoom * 1.6))}>
            +
          </Button>
        </div>
      </div>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-px bg-muted" /> beat
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-0.5 bg-aqua/80" /> bar start (downbeat)
        </span>
      </p>
    </div>
  )
}

/** Makes the regions match the sections: add, move, relabel, remove. */
function syncRegions(regions: RegionsPlugin, sections: EditorSection[], readOnly: boolean) {
  const existing = new Map(regions.getRegions().map((r) => [r.id, r]))
  sections.forEach((section, index) => {
    const color = withAlpha(sectionColor(index), 0.16)
    const options = {
      start: section.start,
      end: section.end,
      color,
      content: section.label,
      drag: false,
      resize: !readOnly,
      resizeStart: !readOnly && index > 0,
      resizeEnd: !readOnly && index < sections.length - 1,
    }
    const region = existing.get(section.key)
    if (region) {
      region.setOptions(options)
      existing.delete(section.key)
    } else {
      regions.addRegion({ id: section.key, ...options })
    }
  })
  existing.forEach((stale) => stale.remove())
}

function PlayIcon() {
  return (
    <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
      <path d="M6 4.5v11a.5.5 0 0 0 .77.42l8.5-5.5a.5.5 0 0 0 0-.84l-8.5-5.5A.5.5 0 0 0 6 4.5z" />
    </svg>
  )
}

function PauseIcon() {
  return (
    <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
      <rect x="5" y="4" width="3.5" height="12" rx="1" />
      <rect x="11.5" y="4" width="3.5" height="12" rx="1" />
    </svg>
  )
}
