import { useEffect } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { LoadingBlock, PageContainer, PageHeader } from '@/components/ui/page'
import { ProgressBar } from '@/components/ui/progress-bar'
import { errorMessage } from '@/api/client'
import { songKeys } from '@/api/query-keys'
import { useJob } from '@/api/requests/get-job'
import { useSong } from '@/api/requests/get-song'
import { formatDuration } from '@/lib/format'
import { cn } from '@/lib/cn'
import { useStartAnalysis } from '../api/start-analysis'
import { ANALYSIS_STAGES, stageStates, type StageState } from '../lib/analysis-stages'

export default function AnalysisProgressRoute() {
  const { songId = '' } = useParams()
  const [searchParams, setSearchParams] = useSearchParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const song = useSong(songId)
  const restart = useStartAnalysis()
  const jobId = searchParams.get('job') ?? song.data?.analysis_job_id ?? null
  const job = useJob(jobId)

  const completed = job.data?.status === 'completed' || song.data?.status === 'analyzed'
  const failed = job.data?.status === 'failed' || (song.data?.status === 'analysis_failed' && !restart.isPending)

  useEffect(() => {
    if (!completed) return
    void queryClient.invalidateQueries({ queryKey: songKeys.detail(songId) })
    const timer = window.setTimeout(() => navigate(`/songs/${songId}/edit`, { replace: true }), 700)
    return () => window.clearTimeout(timer)
  }, [completed, navigate, queryClient, songId])

  function retry() {
    restart.mutate(songId, { onSuccess: (newJob) => setSearchParams({ job: newJob.id }, { replace: true }) })
  }

  if (song.isPending) return <LoadingBlock label="Loading your song…" />
  if (song.isError) {
    return (
      <PageContainer>
        <Alert title="We couldn’t open this song">{errorMessage(song.error)}</Alert>
      </PageContainer>
    )
  }

  const states = stageStates(job.data?.stage, completed)
  const progress = completed ? 100 : (job.data?.progress ?? 0)

  return (
    <PageContainer>
      <PageHeader
        eyebrow="Analysis"
        title={song.data.title}
        description={`${formatDuration(song.data.duration_sec)} · ${song.data.format.toUpperCase()} · listening closely so every cut lands on the beat.`}
      />
      <Card className="mx-auto flex max-w-2xl flex-col gap-6">
        <ProgressBar label={completed ? 'Analysis complete' : failed ? 'Analysis stopped' : 'Analyzing your song'} value={progress} tone={failed ? 'danger' : 'violet'} />
        <ol aria-label="Analysis steps" className="flex flex-col gap-3">
          {ANALYSIS_STAGES.map((stage, index) => (
            <StageRow key={stage.id} label={stage.label} state={failed && states[index] === 'active' ? 'pending' : states[index]} />
          ))}
        </ol>
        {failed && (
          <Alert title="The analysis failed">
            {job.data?.error_message ?? 'Something went wrong while analyzing this track.'}
            <div className="mt-3 flex gap-2">
              <Button size="sm" onClick={retry} loading={restart.isPending}>
                Try again
              </Button>
              <Link to="/upload" className="inline-flex h-8 items-center rounded-lg px-3 text-sm text-muted hover:text-ink">
                Upload another file
              </Link>
            </div>
          </Alert>
        )}
        {restart.isError && <Alert>{errorMessage(restart.error)}</Alert>}
        {!jobId && !completed && !failed && (
          <div className="flex items-center justify-between gap-3">
            <p className="text-sm text-muted">The analysis has not started yet.</p>
            <Button onClick={retry} loading={restart.isPending}>
              Start analysis
            </Button>
          </div>
        )}
        {completed && (
          <Button onClick={() => navigate(`/songs/${songId}/edit`)} className="self-end">
            Open the editor
          </Button>
        )}
      </Card>
    </PageContainer>
  )
}

function StageRow({ label, state }: { label: string; state: StageState }) {
  return (
    <li className="flex items-center gap-3">
      <span
        aria-hidden="true"
        className={cn(
          'grid size-6 shrink-0 place-items-center rounded-full border text-xs',
          state === 'done' && 'border-aqua/60 bg-aqua/15 text-aqua',
          state === 'active' && 'border-violet bg-violet/20 text-violet-soft',
          state === 'pending' && 'border-line text-muted',
        )}
      >
        {state === 'done' ? '✓' : state === 'active' ? <span className="size-2 animate-pulse rounded-full bg-violet-soft" /> : ''}
      </span>
      <span className={cn('text-sm', state === 'pending' ? 'text-muted' : 'text-ink')}>
        {label}
        <span className="sr-only">{state === 'done' ? ' — done' : state === 'active' ? ' — in progress' : ' — waiting'}</span>
      </span>
    </li>
  )
}
