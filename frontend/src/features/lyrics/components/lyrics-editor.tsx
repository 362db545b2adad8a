import { useEffect, useState } from 'react'
import { errorMessage } from '@/api/client'
import type { LyricLine, Song } from '@/api/types'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Chip } from '@/components/ui/chip'
import { TextAreaField } from '@/components/ui/field'
import { ProgressBar } from '@/components/ui/progress-bar'
import { useLyrics, useSaveAndAlign, useSaveLines } from '../api/lyrics'
import { LyricsLane } from './lyrics-lane'

interface Props {
  song: Song
  peaks: number[]
  duration: number
}

const MAX_LYRICS_CHARS = 20000

/** Paste or correct the words, align them as a job, and move lines on the waveform. */
export function LyricsEditor({ song, peaks, duration }: Props) {
  const lyrics = useLyrics(song.id)
  const align = useSaveAndAlign(song.id)
  const saveLines = useSaveLines(song.id)
  const [text, setText] = useState<string | null>(null)
  const [draft, setDraft] = useState<LyricLine[] | null>(null)
  const data = lyrics.data
  const job = data?.job ?? null
  const running = job !== null && (job.status === 'queued' || job.status === 'processing')
  const locked = song.locked
  const shownText = text ?? data?.text ?? ''

  // A finished alignment replaces any unsaved drag: its lines are newer.
  useEffect(() => {
    if (running) setDraft(null)
  }, [running])

  if (lyrics.isError) return <Alert title="We couldn’t load the lyrics">{errorMessage(lyrics.error)}</Alert>
  if (!data) return <p className="text-sm text-muted">Loading the lyrics…</p>

  const lines = draft ?? data.lines
  const heardOnly = data.source === 'transcribed'

  function startAlign() {
    align.mutate(shownText, { onSuccess: () => setText(null) })
  }

  function save() {
    if (draft) saveLines.mutate(draft, { onSuccess: () => setDraft(null) })
  }

  return (
    <section aria-labelledby="lyrics-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <h2 id="lyrics-heading" className="font-display text-base font-semibold text-ink">
            Lyrics
          </h2>
          {data.source === 'aligned' && <Chip tone="aqua">Your words{data.edited ? ', moved by hand' : ''}</Chip>}
          {heardOnly && <Chip tone="magenta">As heard (may be wrong)</Chip>}
        </div>
        {!locked && draft && (
          <div className="flex gap-2">
            <Button variant="ghost" size="sm" onClick={() => setDraft(null)}>
              Undo moves
            </Button>
            <Button size="sm" onClick={save} loading={saveLines.isPending}>
              Save line times
            </Button>
          </div>
        )}
      </div>
      {heardOnly && (
        <Alert tone="info">
          These words are what the computer heard and may be wrong. Paste the real words below and align them: they will
          replace what was heard, in the editor, the player and the video.
        </Alert>
      )}
      {data.error && lines.length === 0 && !running && <Alert title="No lyrics yet">{data.error}</Alert>}
      {job?.status === 'failed' && !data.error && <Alert title="Aligning the lyrics failed">{job.error_message}</Alert>}
      {saveLines.isError && <Alert title="The line times were not saved">{errorMessage(saveLines.error)}</Alert>}
      {align.isError && <Alert title="The lyrics were not aligned">{errorMessage(align.error)}</Alert>}
      {data.stale && !running && (
        <Alert tone="warning">The words changed since the lines were placed. Align them again to place the new words.</Alert>
      )}
      {running && <ProgressBar label="Aligning the lyrics to the song" value={job?.progress ?? 0} tone="aqua" />}
      {lines.length > 0 && (
        <LyricsLane
          lines={lines}
          duration={duration}
          peaks={peaks}
          unplaced={draft ? [] : data.unplaced_vocals}
          readOnly={locked || running}
          onChange={setDraft}
        />
      )}
      <TextAreaField
        label="The song’s words"
        hint="Plain text, one sung line per line, a blank line between stanzas."
        rows={8}
        value={shownText}
        maxLength={MAX_LYRICS_CHARS}
        onChange={(event) => setText(event.target.value)}
        disabled={locked || running}
        placeholder={'First line of the verse\nSecond line\n\nFirst line of the chorus'}
      />
      {!locked && (
        <div>
          <Button onClick={startAlign} loading={align.isPending} disabled={running || shownText.trim().length === 0}>
            {data.lines.length > 0 ? 'Save words & align again' : 'Save words & align'}
          </Button>
        </div>
      )}
    </section>
  )
}
