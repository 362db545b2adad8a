import { useEffect, useState } from 'react'
import { fetchPrivateFile, saveAsFile } from '@/api/download'
import type { CaptionFormat } from '@/api/types'
import { videoCaptionsUrl } from './lyrics'

export const CAPTION_FORMATS: { format: CaptionFormat; label: string; hint: string }[] = [
  { format: 'srt', label: 'SRT', hint: 'Subtitles for any player or editor' },
  { format: 'vtt', label: 'WebVTT', hint: 'Web players, with a time for each word' },
  { format: 'lrc', label: 'LRC', hint: 'Music players, with a time for each word' },
]

/** Saves the video's captions in `format` through a blob link; returns the file name. */
export async function downloadCaptions(videoId: string, format: CaptionFormat): Promise<string> {
  return saveAsFile(await fetchPrivateFile(videoCaptionsUrl(videoId, format)), `lyrics.${format}`)
}

/**
 * A blob: URL of the video's WebVTT captions for a <track> (a track cannot send the bearer token),
 * or null while loading or when the video has no timed lyrics.
 */
export function useCaptionTrackUrl(videoId: string, version: unknown): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    let made: string | null = null
    let cancelled = false
    fetchPrivateFile(videoCaptionsUrl(videoId, 'vtt'))
      .then((response) => response.blob())
      .then((blob) => {
        if (cancelled) return
        made = URL.createObjectURL(new Blob([blob], { type: 'text/vtt' }))
        setUrl(made)
      })
      .catch(() => setUrl(null))
    return () => {
      cancelled = true
      if (made) URL.revokeObjectURL(made)
    }
  }, [videoId, version])
  return url
}
