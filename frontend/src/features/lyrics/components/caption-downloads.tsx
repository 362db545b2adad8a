import { useState } from 'react'
import { Link } from 'react-router'
import { errorMessage } from '@/api/client'
import type { CaptionFormat } from '@/api/types'
import { Button } from '@/components/ui/button'
import { Chip } from '@/components/ui/chip'
import { CAPTION_FORMATS, downloadCaptions } from '../api/captions'
import { useLyrics } from '../api/lyrics'

/** Where the player's lyrics come from (pasted or as heard), and the caption files to download. */
export function CaptionDownloads({ videoId, songId }: { videoId: string; songId: string }) {
  const lyrics = useLyrics(songId)
  const [busy, setBusy] = useState<CaptionFormat | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const lines = lyrics.data?.lines ?? []
  if (!lyrics.data || lines.length === 0) return null
  const heardOnly = lyrics.data.source === 'transcribed'

  async function download(format: CaptionFormat) {
    setBusy(format)
    setProblem(null)
    try {
      await downloadCaptions(videoId, format)
    } catch (error) {
      setProblem(errorMessage(error))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="flex flex-col gap-2" data-testid="caption-downloads">
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-medium text-ink">Captions</h3>
        {heardOnly && <Chip tone="magenta">As heard (may be wrong)</Chip>}
      </div>
      {heardOnly && (
        <p className="text-xs text-muted">
          These lyrics are what the computer heard.{' '}
          <Link to={`/songs/${songId}/edit`} className="text-violet-soft underline">
            Paste the real words
          </Link>{' '}
          to fix them.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {CAPTION_FORMATS.map(({ format, label, hint }) => (
          <Button key={format} variant="secondary" size="sm" loading={busy === format} onClick={() => download(format)} title={hint}>
            {label}
          </Button>
        ))}
      </div>
      {problem && (
        <p role="alert" className="text-xs text-danger">
          {problem}
        </p>
      )}
    </div>
  )
}
