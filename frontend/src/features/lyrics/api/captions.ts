import { useEffect, useState } from 'react'
import { ApiError, detailFromBody, handleUnauthorized } from '@/api/client'
import type { CaptionFormat } from '@/api/types'
import { session } from '@/lib/session'
import { videoCaptionsUrl } from './lyrics'

export const CAPTION_FORMATS: { format: CaptionFormat; label: string; hint: string }[] = [
  { format: 'srt', label: 'SRT', hint: 'Subtitles for any player or editor' },
  { format: 'vtt', label: 'WebVTT', hint: 'Web players, with a time for each word' },
  { format: 'lrc', label: 'LRC', hint: 'Music players, with a time for each word' },
]

/** A private caption file (the request needs the bearer token, so it goes through fetch). */
async function fetchCaptions(path: string): Promise<Response> {
  const token = session.getToken()
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch(() => {
    throw new ApiError(0, 'We could not reach VibeCraft. Check your connection and try again.')
  })
  if (!response.ok) {
    handleUnauthorized(response.status, token !== null)
    throw new ApiError(response.status, detailFromBody(response.status, await response.json().catch(() => null)))
  }
  return response
}

/** Saves the video's captions in `format` through a blob link; returns the file name. */
export async function downloadCaptions(videoId: string, format: CaptionFormat): Promise<string> {
  const response = await fetchCaptions(videoCaptionsUrl(videoId, format))
  const name = response.headers.get('Content-Disposition')?.match(/filename="([^"]+)"/)?.[1] ?? `lyrics.${format}`
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
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
    fetchCaptions(videoCaptionsUrl(videoId, 'vtt'))
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
