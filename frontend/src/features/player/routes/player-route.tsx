import { useCallback, useMemo, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { errorMessage } from '@/api/client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardTitle } from '@/components/ui/card'
import { Chip } from '@/components/ui/chip'
import { CopyLinkButton } from '@/components/ui/copy-button'
import { LoadingBlock, PageContainer } from '@/components/ui/page'
import { formatBytes, formatDuration } from '@/lib/format'
import { useStableUrl } from '@/lib/stable-url'
import { useVideo } from '../api/get-video'
import { FinalizeDialog } from '../components/finalize-dialog'
import { LyricsPanel } from '../components/lyrics-panel'
import { RegenerateDialog } from '../components/regenerate-dialog'
import { TimelineExport } from '../components/timeline-export'
import { VideoPlayer } from '../components/video-player'
import { useActiveLyric } from '../hooks/use-active-lyric'
import { uniqueLines } from '../lib/find-active-lyric'
import { useCaptionTrackUrl } from '@/features/lyrics/api/captions'
import { CaptionDownloads } from '@/features/lyrics/components/caption-downloads'

export default function PlayerRoute() {
  const { videoId = '' } = useParams()
  const video = useVideo(videoId)
  const videoRef = useRef<HTMLVideoElement>(null)
  const [regenerateAt, setRegenerateAt] = useState<number | null>(null)
  const [finalizing, setFinalizing] = useState(false)
  // Remounting the <video> after a regeneration drops the old file from the element's buffer.
  const [version, setVersion] = useState(0)

  const lines = useMemo(() => uniqueLines((video.data?.sections ?? []).map((s) => s.lyrics ?? [])), [video.data?.sections])
  // A refetch re-signs the URL of the same file; only a new file (a recomposed version) reloads the player.
  const videoUrl = useStableUrl(video.data?.video_url)
  const mediaKey = `${videoUrl ?? ''}#${version}`
  const active = useActiveLyric(videoRef, lines, mediaKey)
  const captionsUrl = useCaptionTrackUrl(videoId, mediaKey)
  const onRegenerated = useCallback(() => setVersion((v) => v + 1), [])
  // The position survives the player's remount when a regeneration brings a new file.
  const position = useRef(0)
  const onTimeChange = useCallback((t: number) => {
    position.current = t
  }, [])

  if (video.isPending) return <LoadingBlock label="Loading your video…" />
  if (video.isError) {
    return (
      <PageContainer>
        <Alert title="We couldn’t open this video">
          {errorMessage(video.error)}{' '}
          <Link to="/" className="underline">
            Back to your library
          </Link>
        </Alert>
      </PageContainer>
    )
  }

  const data = video.data
  const finalized = data.is_finalized
  if (!videoUrl) {
    return (
      <PageContainer>
        <Alert tone="info" title="This video is still being made">
          <Link to={`/songs/${data.song_id}/generation`} className="underline">
            Follow its progress
          </Link>
        </Alert>
      </PageContainer>
    )
  }

  function openRegenerate() {
    const element = videoRef.current
    element?.pause()
    setRegenerateAt(element?.currentTime ?? 0)
  }

  return (
    <PageContainer wide>
      {/* Phone: video, details, lyrics. Desktop: the details in a column beside video and lyrics. */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_340px] lg:grid-rows-[auto_1fr]">
        <div className="min-w-0 lg:col-start-1 lg:row-start-1">
          <VideoPlayer
            key={mediaKey}
            videoRef={videoRef}
            src={videoUrl}
            poster={data.poster_url}
            title={data.title}
            width={data.width}
            height={data.height}
            startAt={position.current}
            onTimeChange={onTimeChange}
            captionsUrl={captionsUrl}
          />
        </div>
        <aside className="flex flex-col gap-4 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <Card className="flex flex-col gap-4">
            <div>
              <div className="mb-2 flex flex-wrap gap-1.5">
                {finalized ? <Chip tone="aqua">Finalized</Chip> : <Chip tone="violet">Draft</Chip>}
                <Chip>{data.shape}</Chip>
                <Chip>{formatDuration(data.duration_sec)}</Chip>
              </div>
              <h1 className="font-display text-2xl font-semibold break-words text-ink">{data.title}</h1>
              <p className="mt-1 text-xs text-muted">
                {data.width}×{data.height} · {data.fps} fps · {formatBytes(data.file_size_bytes)}
              </p>
            </div>
            <div className="flex flex-wrap gap-2">
              {data.shareable_url && (
                <CopyLinkButton text={data.shareable_url} className="flex-1">
                  Share
                </CopyLinkButton>
              )}
              <a
                href={data.download_url ?? videoUrl}
                download={downloadName(data.title)}
                className="inline-flex h-10 flex-1 items-center justify-center rounded-xl border border-line bg-surface-raised px-4 text-sm font-medium text-ink hover:border-violet-soft/60"
              >
                Download
              </a>
            </div>
            <CaptionDownloads videoId={data.id} songId={data.song_id} />
          </Card>
          <Card className="flex flex-col gap-2">
            <CardTitle className="text-base">Export for an editor</CardTitle>
            <TimelineExport videoId={data.id} />
          </Card>
          {!finalized ? (
            <Card className="flex flex-col gap-3">
              <CardTitle className="text-base">Not quite right?</CardTitle>
              <p className="text-sm text-muted">Pause where it looks off, then regenerate that clip or its whole section. Each can be regenerated once.</p>
              <Button variant="secondary" onClick={openRegenerate}>
                Regenerate…
              </Button>
              <hr className="my-1 border-line" />
              <p className="text-sm text-muted">Happy with it? Finalizing keeps only the finished video.</p>
              <Button variant="secondary" className="border-magenta/40" onClick={() => setFinalizing(true)}>
                Finalize…
              </Button>
            </Card>
          ) : (
            <Alert tone="success" title="This video is final">
              Share it anywhere — the link plays without an account.
            </Alert>
          )}
        </aside>
        <div className="min-w-0 lg:col-start-1 lg:row-start-2 lg:self-start">
          <Card>
            <CardTitle className="mb-3">Lyrics</CardTitle>
            <LyricsPanel
              lines={lines}
              active={active}
              onSeek={(t) => {
                if (videoRef.current) videoRef.current.currentTime = t
              }}
            />
          </Card>
        </div>
      </div>
      {regenerateAt !== null && (
        <RegenerateDialog video={data} time={regenerateAt} open onClose={() => setRegenerateAt(null)} onRegenerated={onRegenerated} />
      )}
      <FinalizeDialog videoId={data.id} open={finalizing} onClose={() => setFinalizing(false)} />
    </PageContainer>
  )
}

/** The name the browser saves the video under when the server does not name it (same-origin links only). */
function downloadName(title: string): string {
  return `${title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'video'}.mp4`
}
