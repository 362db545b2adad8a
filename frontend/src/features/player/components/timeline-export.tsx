import { useState } from 'react'
import { errorMessage } from '@/api/client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { downloadTimeline, TIMELINE_FORMATS, type TimelineFormat } from '../api/export-timeline'

/** Download the video as an editable timeline, to finish it in a video editor without losing sync. */
export function TimelineExport({ videoId }: { videoId: string }) {
  const [busy, setBusy] = useState<TimelineFormat | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)

  async function save(format: TimelineFormat) {
    setBusy(format)
    setError(null)
    setSaved(null)
    try {
      setSaved(await downloadTimeline(videoId, format))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-muted">Open the cuts, the song and the captions in a video editor, frame-exact.</p>
      <ul className="flex flex-col gap-1.5">
        {TIMELINE_FORMATS.map(({ format, label, hint }) => (
          <li key={format}>
            <Button
              variant="secondary"
              size="sm"
              className="h-auto w-full justify-start py-1.5 text-left whitespace-normal"
              loading={busy === format}
              disabled={busy !== null && busy !== format}
              onClick={() => void save(format)}
            >
              <span className="flex flex-col">
                <span>{label}</span>
                <span className="text-xs font-normal text-muted">{hint}</span>
              </span>
            </Button>
          </li>
        ))}
      </ul>
      <p role="status" className="text-xs text-muted">
        {saved ? `Saved ${saved}` : ''}
      </p>
      {error && <Alert>{error}</Alert>}
    </div>
  )
}
