import { useEffect, useState, type RefObject } from 'react'
import type { LyricLine } from '@/api/types'
import { findActiveLyric, NO_ACTIVE_LYRIC, type ActiveLyric } from '../lib/find-active-lyric'

/**
 * Follows the video's clock with requestAnimationFrame while it plays (timeupdate alone fires only ~4×/s,
 * too coarse for words) and re-renders only when the active line or word changes.
 */
export function useActiveLyric(videoRef: RefObject<HTMLVideoElement | null>, lines: LyricLine[], mediaKey: string): ActiveLyric {
  const [active, setActive] = useState<ActiveLyric>(NO_ACTIVE_LYRIC)

  useEffect(() => {
    const video = videoRef.current
    if (!video || lines.length === 0) return
    let frame = 0
    const update = () => {
      const next = findActiveLyric(lines, video.currentTime)
      setActive((current) => (current.lineIndex === next.lineIndex && current.wordIndex === next.wordIndex ? current : next))
    }
    const loop = () => {
      update()
      frame = requestAnimationFrame(loop)
    }
    const start = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(loop)
    }
    const stop = () => {
      cancelAnimationFrame(frame)
      update()
    }
    video.addEventListener('play', start)
    video.addEventListener('pause', stop)
    video.addEventListener('ended', stop)
    video.addEventListener('seeked', update)
    video.addEventListener('timeupdate', update)
    if (!video.paused) start()
    else update()
    return () => {
      cancelAnimationFrame(frame)
      video.removeEventListener('play', start)
      video.removeEventListener('pause', stop)
      video.removeEventListener('ended', stop)
      video.removeEventListener('seeked', update)
      video.removeEventListener('timeupdate', update)
    }
    // mediaKey changes when the <video> element is replaced, so listeners move to the new one.
  }, [videoRef, lines, mediaKey])

  return active
}
