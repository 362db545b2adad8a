import { useEffect, useState, type RefObject } from 'react'
import { formatDuration } from '@/lib/format'

interface Props {
  videoRef: RefObject<HTMLVideoElement | null>
  src: string
  poster?: string | null
  title: string
  width?: number
  height?: number
}

/** The video with a compact, keyboard-friendly control bar. */
export function VideoPlayer({ videoRef, src, poster, title, width, height }: Props) {
  const [playing, setPlaying] = useState(false)
  const [time, setTime] = useState(0)
  const [duration, setDuration] = useState(0)

  useEffect(() => {
    const video = videoRef.current
    if (!video) return
    const sync = () => {
      setPlaying(!video.paused && !video.ended)
      setTime(video.currentTime)
      if (Number.isFinite(video.duration)) setDuration(video.duration)
    }
    const events = ['play', 'pause', 'ended', 'timeupdate', 'loadedmetadata', 'seeked', 'durationchange'] as const
    events.forEach((name) => video.addEventListener(name, sync))
    sync()
    return () => events.forEach((name) => video.removeEventListener(name, sync))
  }, [videoRef, src])

  function toggle() {
    const video = videoRef.current
    if (!video) return
    if (video.paused || video.ended) void video.play().catch(() => undefined)
    else video.pause()
  }

  const aspect = width && height ? `${width} / ${height}` : '16 / 9'
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
        />
      </div>
      <div className="flex items-center gap-3 border-t border-line bg-surface px-3 py-2.5 sm:px-4">
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
          min={0}
          max={duration || 0}
          step={0.1}
          value={Math.min(time, duration || 0)}
          onChange={(e) => {
            const video = videoRef.current
            if (video) video.currentTime = Number(e.target.value)
          }}
          className="h-1.5 min-w-0 flex-1 cursor-pointer accent-magenta"
        />
        <span className="w-11 text-xs tabular-nums text-muted">{formatDuration(duration)}</span>
        <button
          type="button"
          aria-label="Full screen"
          onClick={() => void videoRef.current?.requestFullscreen?.().catch(() => undefined)}
          className="hidden size-9 place-items-center rounded-lg text-muted hover:bg-white/5 hover:text-ink sm:grid"
        >
          <svg viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
            <path d="M3 8V3h5M17 8V3h-5M3 12v5h5M17 12v5h-5" strokeLinecap="round" />
          </svg>
        </button>
      </div>
    </div>
  )
}
