import { ApiError, detailFromBody, handleUnauthorized } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { session } from '@/lib/session'

export type TimelineFormat = 'otio' | 'edl' | 'fcpxml' | 'zip'

export const TIMELINE_FORMATS: { format: TimelineFormat; label: string; hint: string }[] = [
  { format: 'zip', label: 'Timeline with media (.zip)', hint: 'All formats, the clips, the song and captions' },
  { format: 'otio', label: 'OpenTimelineIO (.otio)', hint: 'DaVinci Resolve, Premiere (via plug-in), Kdenlive' },
  { format: 'fcpxml', label: 'Final Cut Pro 7 XML (.fcpxml)', hint: 'Premiere Pro, Resolve, Final Cut (via import)' },
  { format: 'edl', label: 'CMX 3600 EDL (.edl)', hint: 'Any editor; cuts only' },
]

function filenameFrom(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename="([^"]+)"/)
  return match?.[1] ?? fallback
}

/** Downloads the video's timeline (the request needs the bearer token, so it goes through fetch, then a blob link). */
export async function downloadTimeline(videoId: string, format: TimelineFormat): Promise<string> {
  const path =
    format === 'zip'
      ? buildPath(apiRoutes.timelineZip, { video_id: videoId })
      : buildPath(apiRoutes.timelineOtio, { video_id: videoId, fmt: format })
  const token = session.getToken()
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch(() => {
    throw new ApiError(0, 'We could not reach VibeCraft. Check your connection and try again.')
  })
  if (!response.ok) {
    handleUnauthorized(response.status, token !== null)
    throw new ApiError(response.status, detailFromBody(response.status, await response.json().catch(() => null)))
  }
  const name = filenameFrom(response.headers.get('Content-Disposition'), `timeline.${format}`)
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
