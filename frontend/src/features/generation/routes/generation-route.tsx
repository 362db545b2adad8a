import { useEffect, useMemo } from 'react'
import { Link, useParams } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { errorMessage } from '@/api/client'
import { songKeys, videoKeys } from '@/api/query-keys'
import { useSections } from '@/api/requests/get-sections'
import { useSong } from '@/api/requests/get-song'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'
import { EmptyState, LoadingBlock, PageContainer, PageHeader } from '@/components/ui/page'
import { ProgressBar } from '@/components/ui/progress-bar'
import { useClips } from '../api/get-clips'
import { isGenerationSettled, useGenerationStatus } from '../api/get-generation-status'
import { useRetryClip } from '../api/retry-clip'
import { ClipGrid } from '../components/clip-grid'
import { StepChecklist } from '../components/step-checklist'
import { generationSteps } from '../lib/generation-steps'

export default function GenerationRoute() {
  const { songId = '' } = useParams()
  const queryClient = useQueryClient()
  const song = useSong(songId)
  const status = useGenerationStatus(songId)
  const settled = isGenerationSettled(status.data)
  const clips = useClips(songId, !settled)
  const sections = useSections(songId)
  const retry = useRetryClip(songId)

  // When it settles, fetch the final clip list once more and let the library know about the new video.
  useEffect(() => {
    if (!settled) return
    void queryClient.invalidateQueries({ queryKey: songKeys.clips(songId) })
    void queryClient.invalidateQueries({ queryKey: videoKeys.all })
  }, [settled, queryClient, songId])

  const sectionLabels = useMemo(
    () => Object.fromEntries((sections.data ?? []).map((s) => [s.id, s.label])),
    [sections.data],
  )

  if (status.isError) {
    return (
      <PageContainer>
        <Alert title="We couldn’t load the generation status">{errorMessage(status.error)}</Alert>
      </PageContainer>
    )
  }
  if (!status.data) return <LoadingBlock label="Checking on your video…" />

  const data = status.data
  const completed = data.stage === 'completed'
  const failed = data.stage === 'failed'
  const progress = completed ? 100 : data.progress

  if (data.stage === 'idle') {
    return (
      <PageContainer>
        <EmptyState
          title="Nothing is generating yet"
          action={
            <Link to={`/songs/${songId}/edit`} className="inline-flex h-10 items-center rounded-xl bg-violet-strong px-4 text-sm font-medium text-white">
              Open the editor
            </Link>
          }
        >
          Approve the sections in the editor to start generating.
        </EmptyState>
      </PageContainer>
    )
  }

  return (
    <PageContainer wide>
      <PageHeader
        eyebrow="Generation"
        title={song.data?.title ?? 'Your video'}
        description={completed ? 'Your video is ready.' : 'You can leave this page — generation keeps going and you can come back any time.'}
        actions={
          completed && data.video_id ? (
            <Link to={`/videos/${data.video_id}`} className="inline-flex h-11 items-center gap-2 rounded-xl bg-violet-strong px-5 text-sm font-medium text-white shadow-[0_8px_24px_-8px_rgb(110_107_255/0.7)]">
              Watch video ▸
            </Link>
          ) : undefined
        }
      />
      <Card className="mb-6 flex flex-col gap-5">
        <ProgressBar label={completed ? 'Video ready' : failed ? 'Generation stopped' : 'Making your video'} value={progress} tone={failed ? 'danger' : completed ? 'aqua' : 'violet'} />
        <StepChecklist steps={generationSteps(data)} />
        {failed && (
          <Alert title="Generation stopped">
            {data.error ?? `${data.clips_failed} clip${data.clips_failed === 1 ? '' : 's'} failed.`} Retry the failed clips below.
          </Alert>
        )}
        {retry.isError && <Alert>{errorMessage(retry.error)}</Alert>}
      </Card>
      <section aria-labelledby="clips-heading">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 id="clips-heading" className="font-display text-lg font-semibold text-ink">
            Clips
          </h2>
          <span className="text-sm tabular-nums text-muted">
            {data.clips_completed} of {data.clips_total} ready
            {data.clips_failed > 0 && <span className="text-danger"> · {data.clips_failed} failed</span>}
          </span>
        </div>
        {clips.data ? (
          <ClipGrid clips={clips.data} sectionLabels={sectionLabels} onRetry={(id) => retry.mutate(id)} retryingId={retry.isPending ? (retry.variables ?? null) : null} />
        ) : (
          <LoadingBlock label="Loading clips…" />
        )}
      </section>
    </PageContainer>
  )
}
