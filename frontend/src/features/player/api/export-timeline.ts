import { fetchPrivateFile, saveAsFile } from '@/api/download'
import { apiRoutes, buildPath } from '@/api/paths'

export type TimelineFormat = 'otio' | 'edl' | 'fcpxml' | 'zip'

export const TIMELINE_FORMATS: { format: TimelineFormat; label: string; hint: string }[] = [
  { format: 'zip', label: 'Timeline with media (.zip)', hint: 'All formats, the clips, the song and captions' },
  { format: 'otio', label: 'OpenTimelineIO (.otio)', hint: 'DaVinci Resolve, Premiere (via plug-in), Kdenlive' },
  { format: 'fcpxml', label: 'Final Cut Pro 7 XML (.fcpxml)', hint: 'Premiere Pro, Resolve, Final Cut (via import)' },
  { format: 'edl', label: 'CMX 3600 EDL (.edl)', hint: 'Any editor; cuts only' },
]

/** Downloads the video's timeline (the request needs the bearer token, so it goes through fetch, then a blob link). */
export async function downloadTimeline(videoId: string, format: TimelineFormat): Promise<string> {
  const path =
    format === 'zip'
      ? buildPath(apiRoutes.timelineZip, { video_id: videoId })
      : buildPath(apiRoutes.timelineOtio, { video_id: videoId, fmt: format })
  return saveAsFile(await fetchPrivateFile(path), `timeline.${format}`)
}
