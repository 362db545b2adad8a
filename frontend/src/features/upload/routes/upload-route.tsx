import { useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { PageContainer, PageHeader } from '@/components/ui/page'
import { ProgressBar } from '@/components/ui/progress-bar'
import { errorMessage } from '@/api/client'
import { formatBytes, formatDuration } from '@/lib/format'
import { useStartAnalysis } from '../api/start-analysis'
import { useUploadSong } from '../api/upload-song'
import { DropZone } from '../components/drop-zone'
import { checkAudioFile, MAX_DURATION_SEC, readAudioDuration } from '../lib/audio-file-rules'
import { TextAreaField } from '@/components/ui/field'
import { saveLyricsText } from '@/features/lyrics/api/lyrics'

const STEPS = [
  ['Upload', 'Your track is checked and stored privately.'],
  ['Analyze', 'Tempo, beats, structure, genre, mood and lyrics.'],
  ['Shape', 'Mark sections and describe the look.'],
  ['Generate', 'Beat-aligned clips, stitched under your audio.'],
] as const

export default function UploadRoute() {
  const navigate = useNavigate()
  const [file, setFile] = useState<File | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [progress, setProgress] = useState(0)
  const [lyricsText, setLyricsText] = useState('')
  const abortRef = useRef<AbortController | null>(null)
  const upload = useUploadSong(({ loaded, total }) => setProgress((loaded / total) * 100))
  const analyze = useStartAnalysis()

  async function choose(picked: File) {
    upload.reset()
    analyze.reset()
    setProgress(0)
    const invalid = checkAudioFile(picked)
    if (invalid) {
      setFile(null)
      setProblem(invalid)
      return
    }
    const duration = await readAudioDuration(picked)
    if (duration !== null && duration > MAX_DURATION_SEC + 1) {
      setFile(null)
      setProblem(`That track is ${formatDuration(duration)} long; the limit is 5 minutes.`)
      return
    }
    setProblem(null)
    setFile(picked)
    const controller = new AbortController()
    abortRef.current = controller
    upload.mutate(
      { file: picked, signal: controller.signal },
      {
        onSuccess: async (song) => {
          // Pasted words are stored first, so the analysis aligns them instead of guessing from the audio.
          if (lyricsText.trim()) await saveLyricsText(song.id, lyricsText).catch(() => undefined)
          analyze.mutate(song.id, {
            onSuccess: (job) => navigate(`/songs/${song.id}/analysis?job=${job.id}`),
          })
        },
      },
    )
  }

  const busy = upload.isPending || analyze.isPending
  const failure = upload.isError && (upload.error as Error).name !== 'AbortError' ? errorMessage(upload.error) : analyze.isError ? errorMessage(analyze.error) : null

  return (
    <PageContainer>
      <PageHeader
        eyebrow="New video"
        title="Upload a song"
        description="We listen to the whole track — tempo, beats, sections, genre, mood and lyrics — so every cut lands on the beat."
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_280px]">
        <div className="flex flex-col gap-4">
          <TextAreaField
            label="Lyrics (optional)"
            hint="Paste the words before choosing the file: one sung line per line, a blank line between stanzas. You can add or fix them later in the editor."
            rows={5}
            maxLength={20000}
            value={lyricsText}
            onChange={(event) => setLyricsText(event.target.value)}
            disabled={busy}
          />
          <DropZone onFile={choose} disabled={busy} />
          {problem && <Alert title="This file can’t be used">{problem}</Alert>}
          {failure && <Alert title="Upload rejected">{failure}</Alert>}
          {file && (upload.isPending || upload.isSuccess) && (
            <Card className="flex flex-col gap-4">
              <div className="flex items-center justify-between gap-3">
                <div className="min-w-0">
                  <p className="truncate font-medium text-ink">{file.name}</p>
                  <p className="text-xs text-muted">{formatBytes(file.size)}</p>
                </div>
                {upload.isPending && (
                  <Button variant="ghost" size="sm" onClick={() => abortRef.current?.abort()}>
                    Cancel
                  </Button>
                )}
              </div>
              <ProgressBar label={upload.isSuccess ? 'Uploaded — starting analysis' : 'Uploading'} value={upload.isSuccess ? 100 : progress} />
            </Card>
          )}
        </div>
        <Card className="h-fit">
          <h2 className="font-display text-base font-semibold text-ink">How it works</h2>
          <ol className="mt-4 flex flex-col gap-4">
            {STEPS.map(([title, text], index) => (
              <li key={title} className="flex gap-3">
                <span className="grid size-7 shrink-0 place-items-center rounded-full border border-line bg-night text-xs font-semibold text-violet-soft">
                  {index + 1}
                </span>
                <div>
                  <p className="text-sm font-medium text-ink">{title}</p>
                  <p className="text-xs leading-relaxed text-muted">{text}</p>
                </div>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </PageContainer>
  )
}
