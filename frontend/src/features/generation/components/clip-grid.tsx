import type { Clip } from '@/api/types'
import { Button } from '@/components/ui/button'
import { Chip } from '@/components/ui/chip'
import { cn } from '@/lib/cn'
import { formatPreciseTime } from '@/lib/format'
import { useStableUrl } from '@/lib/stable-url'

interface Props {
  clips: Clip[]
  sectionLabels: Record<string, string>
  onRetry: (clipId: string) => void
  retryingId: string | null
}

export function ClipGrid({ clips, sectionLabels, onRetry, retryingId }: Props) {
  return (
    <ul aria-label="Clips" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {clips.map((clip, index) => (
        <li key={clip.id} aria-label={`Clip ${index + 1}, ${clip.status}`} className="overflow-hidden rounded-card border border-line bg-night/50">
          <div className={cn('relative aspect-video', clip.status !== 'completed' && 'bg-gradient-to-br from-surface-raised to-night')}>
            {clip.status === 'completed' && clip.video_url ? (
              <ClipPreview url={clip.video_url} label={`Preview of clip ${index + 1}`} />
            ) : clip.status === 'completed' ? (
              <div className="grid size-full place-items-center bg-gradient-to-br from-violet/30 to-aqua/20 text-2xl text-ink" aria-hidden="true">
                ✓
              </div>
            ) : clip.status === 'generating' ? (
              <div className="absolute inset-0 animate-pulse bg-gradient-to-r from-violet/10 via-magenta/15 to-violet/10" aria-hidden="true" />
            ) : null}
            <span className="absolute top-2 left-2 rounded-md bg-black/60 px-1.5 py-0.5 text-[11px] font-medium text-ink tabular-nums">#{index + 1}</span>
          </div>
          <div className="flex flex-col gap-1.5 p-3">
            <div className="flex items-center justify-between gap-2">
              <span className="truncate text-xs font-medium text-ink">{sectionLabels[clip.section_id] ?? 'Section'}</span>
              <ClipStatusChip status={clip.status} />
            </div>
            <span className="text-[11px] tabular-nums text-muted">
              {formatPreciseTime(clip.start_time)} – {formatPreciseTime(clip.end_time)}
            </span>
            {clip.status === 'failed' && (
              <>
                {clip.error_message && <p className="line-clamp-2 text-[11px] text-danger">{clip.error_message}</p>}
                <Button size="sm" variant="secondary" loading={retryingId === clip.id} onClick={() => onRetry(clip.id)} aria-label={`Retry clip ${index + 1}`}>
                  Retry
                </Button>
              </>
            )}
          </div>
        </li>
      ))}
    </ul>
  )
}

function ClipPreview({ url, label }: { url: string; label: string }) {
  const src = useStableUrl(url)
  return (
    <video
      src={src}
      muted
      playsInline
      loop
      preload="metadata"
      className="size-full object-cover"
      onMouseEnter={(e) => void e.currentTarget.play().catch(() => undefined)}
      onMouseLeave={(e) => e.currentTarget.pause()}
      aria-label={label}
    />
  )
}

function ClipStatusChip({ status }: { status: Clip['status'] }) {
  if (status === 'completed') return <Chip tone="aqua">Ready</Chip>
  if (status === 'generating') return <Chip tone="violet">Rendering</Chip>
  if (status === 'failed') return <Chip tone="danger">Failed</Chip>
  return <Chip>Queued</Chip>
}
