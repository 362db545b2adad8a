import { useEffect, useMemo, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { Video } from '@/api/types'
import { errorMessage } from '@/api/client'
import { ROUND_STEP_LABELS, roundStep } from '@/api/milestones'
import { videoKeys } from '@/api/query-keys'
import { useJob } from '@/api/requests/get-job'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { TextField } from '@/components/ui/field'
import { ProgressBar } from '@/components/ui/progress-bar'
import { cn } from '@/lib/cn'
import { formatDuration } from '@/lib/format'
import { useRegenerate, type RegenerationScope } from '../api/regenerate'
import { regenerationTargetAt } from '../lib/regeneration-target'

interface Props {
  video: Video
  /** Playback time when the dialog opened: the section and clip under it are the targets. */
  time: number
  open: boolean
  onClose: () => void
  onRegenerated: () => void
}

export function RegenerateDialog({ video, time, open, onClose, onRegenerated }: Props) {
  const queryClient = useQueryClient()
  const target = useMemo(() => regenerationTargetAt(video, time), [video, time])
  const regenerate = useRegenerate(video.id)
  const jobId = regenerate.data?.id ?? null
  const job = useJob(jobId)
  const [scope, setScope] = useState<RegenerationScope>(target.clipsLeft > 0 || target.sectionsLeft === 0 ? 'clip' : 'section')
  const [note, setNote] = useState('')

  useEffect(() => {
    if (open) {
      regenerate.reset()
      setNote('')
      setScope(target.clipsLeft > 0 || target.sectionsLeft === 0 ? 'clip' : 'section')
    }
    // Reset only when the dialog opens.
  }, [open])

  const status = job.data?.status
  useEffect(() => {
    if (status !== 'completed') return
    void queryClient.invalidateQueries({ queryKey: videoKeys.detail(video.id) })
    void queryClient.invalidateQueries({ queryKey: videoKeys.list() })
    onRegenerated()
  }, [status, queryClient, video.id, onRegenerated])

  const working = regenerate.isPending || (jobId !== null && status !== 'completed' && status !== 'failed')
  const failed = status === 'failed'
  const left = scope === 'section' ? target.sectionsLeft : target.clipsLeft
  const targetId = scope === 'section' ? target.section?.id : target.clip?.id

  function submit() {
    if (!targetId || left <= 0) return
    regenerate.mutate({ scope, targetId, note })
  }

  const clipNumber = target.clip ? (video.clips ?? []).findIndex((c) => c.id === target.clip?.id) + 1 : 0

  return (
    <Dialog
      open={open}
      title="Regenerate"
      description={`At ${formatDuration(time)}. The new version replaces the old one and the video is re-stitched on the beat.`}
      onClose={onClose}
      busy={working}
      footer={
        jobId === null || failed ? (
          <>
            <Button variant="ghost" onClick={onClose} disabled={regenerate.isPending}>
              Cancel
            </Button>
            <Button onClick={submit} loading={regenerate.isPending} disabled={!targetId || left <= 0}>
              Regenerate
            </Button>
          </>
        ) : (
          <Button variant="ghost" onClick={onClose} disabled={working}>
            Close
          </Button>
        )
      }
    >
      {jobId === null || failed ? (
        <fieldset>
          <legend className="sr-only">What to regenerate</legend>
          <div className="flex flex-col gap-2">
            <ScopeOption
              value="section"
              checked={scope === 'section'}
              onSelect={setScope}
              disabled={!target.section || target.sectionsLeft <= 0}
              title="Entire section"
              detail={target.section ? `“${target.section.label}” · ${formatDuration(target.section.start_time)}–${formatDuration(target.section.end_time)}` : 'No section here'}
              left={target.sectionsLeft}
            />
            <ScopeOption
              value="clip"
              checked={scope === 'clip'}
              onSelect={setScope}
              disabled={!target.clip || target.clipsLeft <= 0}
              title="Just this clip"
              detail={target.clip ? `Clip ${clipNumber} · ${formatDuration(target.clip.start_time)}–${formatDuration(target.clip.end_time)}` : 'No clip here'}
              left={target.clipsLeft}
            />
          </div>
          <TextField
            label="What should it show this time? (optional)"
            value={note}
            maxLength={100}
            onChange={(e) => setNote(e.target.value)}
            placeholder="e.g. rain on the city, orange fire, stars"
            hint="Colours, a scene or a camera move; the new version shows it."
            className="mt-3"
          />
        </fieldset>
      ) : (
        <div className="flex flex-col gap-3">
          <ProgressBar
            label={status === 'completed' ? 'Updated' : job.data ? ROUND_STEP_LABELS[roundStep(job.data.progress)] : 'Queued'}
            value={status === 'completed' ? 100 : (job.data?.progress ?? 0)}
          />
          {status === 'completed' && <Alert tone="success">Done — the updated video is loaded.</Alert>}
        </div>
      )}
      {regenerate.isError && <Alert className="mt-4">{errorMessage(regenerate.error)}</Alert>}
      {failed && <Alert className="mt-4">{job.data?.error_message ?? 'The regeneration failed. Please try again.'}</Alert>}
    </Dialog>
  )
}

interface ScopeOptionProps {
  value: RegenerationScope
  checked: boolean
  onSelect: (value: RegenerationScope) => void
  disabled: boolean
  title: string
  detail: string
  left: number
}

function ScopeOption({ value, checked, onSelect, disabled, title, detail, left }: ScopeOptionProps) {
  const remaining = left === 1 ? '1 regeneration left' : `${left} regenerations left`
  return (
    <label
      className={cn(
        'flex cursor-pointer items-start gap-3 rounded-xl border p-3.5 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-aqua',
        checked && !disabled ? 'border-violet bg-violet/10' : 'border-line hover:border-[#3a3a4a]',
        disabled && 'cursor-not-allowed opacity-55',
      )}
    >
      <input
        type="radio"
        name="regenerate-scope"
        value={value}
        checked={checked && !disabled}
        disabled={disabled}
        onChange={() => onSelect(value)}
        aria-label={`${title} (${remaining})`}
        className="mt-1 accent-violet"
      />
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="flex items-center justify-between gap-2">
          <span className="font-medium text-ink">{title}</span>
          <span className={cn('text-xs tabular-nums', left > 0 ? 'text-aqua' : 'text-danger')}>{left > 0 ? remaining : 'None left'}</span>
        </span>
        <span className="truncate text-xs text-muted">{detail}</span>
      </span>
    </label>
  )
}
