import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import { formatDuration } from '@/lib/format'

interface Props {
  videoRef: RefObject<HTMLVideoElement | null>
  src: string
  poster?: string | null
  title: string
  width?: number
  height?: number
  /** Where to start (seconds), e.g. the position before a regeneration replaced the file. */
  startAt?: number
  onTimeChange?: (seconds: number) => void
  /** A WebVTT file of the lyrics, for the browser's own captions (CC button, full screen). */
  captionsUrl?: string | null
}

export const SEEK_STEP_SEC = 5
const VOLUME_KEY = 'vibecraft.volume'

function savedVolume(): { volume: number; muted: boolean } {
  try {
    const saved = JSON.parse(localStorage.getItem(VOLUME_KEY) ?? 'null') as { volume?: number; muted?: boolean } | null
    const volume = typeof saved?.volume === 'number' ? Math.min(1, Math.max(0, saved.volume)) : 1
    return { volume, muted: saved?.muted === true }
  } catch {
    return { volume: 1, muted: false }
  }
}

type FullscreenVideo = HTMLVideoElement & { webkitEnterFullscreen?: () => void }

/** The video with a compact, keyboard-friendly control bar: play, seek (±5 s by arrow), volume, mute, full screen.
 * On a phone the volume slider gives way to the seek bar (the phone's own buttons set the volume; mute stays). */
export function VideoPlayer({ videoRef, src, poster, title, width, height, startAt = 0, onTimeChange, captionsUrl }: Props) {
  const [playing, setPlaying] = useState(false)
  const [time, setTime] = useState(startAt)
  const [duration, setDuration] = useState(0)
  const [{ volume, muted }, setSound] = useState(savedVolume)
  const onTimeChangeRef = useRef(onTimeChange)
  onTimeChangeRef.current = onTimeChange
  const startAtRef = useRef(startAt)

  useEffect(() => {
    const video = videoRef.current
    if (!video) return
    const sync = () => {
      setPlaying(!video.paused && !video.ended)
      setTime(video.currentTime)
      if (Number.isFinite(video.duration)) setDuration(video.duration)
      onTimeChangeRef.current?.(video.currentTime)
    }
    const resume = () => {
      // A new file (after a regeneration) opens where the old one was.
      if (startAtRef.current > 0 && Number.isFinite(video.duration)) {
        video.currentTime = Math.min(startAtRef.current, video.duration)
        startAtRef.current = 0
      }
      sync()
    }
    const events = ['play', 'pause', 'ended', 'timeupdate', 'seeked', 'durationchange'] as const
    events.forEach((name) => video.addEventListener(name, sync))
    video.addEventListener('loadedmetadata', resume)
    if (video.readyState >= 1) resume()
    else sync()
    return () => {
      events.forEach((name) => video.removeEventListener(name, sync))
      video.removeEventListener('loadedmetadata', resume)
    }
  }, [videoRef, src])

  useEffect(() => {
    const video = videoRef.current
    if (video) {
      video.volume = volume
      video.muted = muted
    }
    try {
      localStorage.setItem(VOLUME_KEY, JSON.stringify({ volume, muted }))
    } catch {
      // Private browsing may refuse storage; the setting still holds for this page.
    }
  }, [videoRef, volume, muted, src])

  function toggle() {
    const video = videoRef.current
    if (!video) return
    if (video.paused || video.ended) void video.play().catch(() => undefined)
    else video.pause()
  }

  function seekBy(delta: number) {
    const video = videoRef.current
    if (!video) return
    const end = Number.isFinite(video.duration) ? video.duration : duration
    video.currentTime = Math.max(0, Math.min(end || 0, video.currentTime + delta))
    setTime(video.currentTime)
  }

  function fullScreen() {
    const video = videoRef.current as FullscreenVideo | null
    if (!video) return
    if (video.requestFullscreen) void video.requestFullscreen().catch(() => video.webkitEnterFullscreen?.())
    else video.webkitEnterFullscreen?.() // iPhone Safari has only the video element's own full screen
  }

  function onSeekKey(event: KeyboardEvent<HTMLInputElement>) {
    const steps: Record<string, number> = { ArrowLeft: -SEEK_STEP_SEC, ArrowDown: -SEEK_STEP_SEC, ArrowRight: SEEK_STEP_SEC, ArrowUp: SEEK_STEP_SEC }
    if (event.key in steps) {
      event.preventDefault()
      seekBy(steps[event.key])
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault()
      seekBy(event.key === 'Home' ? -Infinity : Infinity)
    }
  }

  const aspect = width && height ? `${width} / ${height}` : '16 / 9'
  const shownVolume = muted ? 0 : volume
  return (
    <div className="overflow-hidden rounded-card border border-line bg-black">
      <div className="relative mx-auto max-h-[70dvh]" style={{ aspectRatio: aspect }}>
        <video
          ref={videoRef}
          src={src}
          poster={poster ?? undefined}
          playsInline
          preload="metadata"
          className="size-full object-contain"
          onClick={toggle}
          aria-label={`Video: ${title}`}
        >
          {captionsUrl && <track kind="captions" src={captionsUrl} srcLang="und" label="Lyrics" />}
        </video>
      </div>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-2 border-t border-line bg-surface px-3 py-2.5 sm:flex-nowrap sm:gap-x-3 sm:px-4">
        <button
          type="button"
          onClick={toggle}
          aria-label={playing ? 'Pause' : 'Play'}
          className="grid size-10 shrink-0 place-items-center rounded-full bg-violet-strong text-white hover:bg-[#4a45e6]"
        >
          {playing ? (
            <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
              <rect x="5" y="4" width="3.5" height="12" rx="1" />
              <rect x="11.5" y="4" width="3.5" height="12" rx="1" />
            </svg>
          ) : (
            <svg viewBox="0 0 20 20" className="ml-0.5 size-4" fill="currentColor" aria-hidden="true">
              <path d="M6 4.5v11a.5.5 0 0 0 .77.42l8.5-5.5a.5.5 0 0 0 0-.84l-8.5-5.5A.5.5 0 0 0 6 4.5z" />
            </svg>
          )}
        </button>
        <span className="w-11 text-right text-xs tabular-nums text-muted">{formatDuration(time)}</span>
        <input
          type="range"
          aria-label="Seek"
          aria-valuetext={`${formatDuration(time)} of ${formatDuration(duration)}`}
          aria-keyshortcuts="ArrowLeft ArrowRight"
          title="Arrow keys move 5 seconds"
          min={0}
          max={duration || 0}
          step={0.1}
          value={Math.min(time, duration || 0)}
          onKeyDown={onSeekKey}
          onChange={(e) => {
            const video = videoRef.current
            if (video) video.currentTime = Number(e.target.value)
          }}
          className="h-1.5 min-w-0 flex-1 cursor-pointer accent-magenta"
        />
        <span className="w-11 text-xs tabular-nums text-muted">{formatDuration(duration)}</span>
        <div className="flex items-center gap-1">
          <button
            type="button"
            aria-label={muted ? 'Unmute' : 'Mute'}
            aria-pressed={muted}
            onClick={() => setSound((s) => ({ ...s, muted: !s.muted }))}
            className="grid size-9 place-items-center rounded-lg text-muted hover:bg-white/5 hover:text-ink"
          >
            <svg viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
              <path d="M3 8h3l4-3.5v11L6 12H3z" fill="currentColor" strokeLinejoin="round" />
              {shownVolume === 0 ? <path d="M13 7.5l4 5M17 7.5l-4 5" strokeLinecap="round" /> : <path d="M13.5 7a4 4 0 0 1 0 6M15.5 5a7 7 0 0 1 0 10" strokeLinecap="round" />}
            </svg>
          </button>
          <input
            type="range"
            aria-label="Volume"
            aria-valuetext={`${Math.round(shownVolume * 100)} %`}
            min={0}
            max={1}
            step={0.05}
            value={shownVolume}
            onChange={(e) => setSound({ volume: Number(e.target.value), muted: Number(e.target.value) === 0 })}
            className="hidden h-1.5 w-20 cursor-pointer accent-violet-soft sm:block"
          />
        </div>
        <button
          type="button"
          aria-label="Full screen"
          onClick={fullScreen}
          className="grid size-9 place-items-center rounded-lg text-muted hover:bg-white/5 hover:text-ink"
        >
          <svg viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
            <path d="M3 8V3h5M17 8V3h-5M3 12v5h5M17 12v5h-5" strokeLinecap="round" />
          </svg>
        </button>
      </div>
    </div>
  )
}
