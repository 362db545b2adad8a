import { Link } from 'react-router'
import type { VideoSummary } from '@/api/types'
import { Button } from '@/components/ui/button'
import { Chip } from '@/components/ui/chip'
import { CopyLinkButton } from '@/components/ui/copy-button'
import { formatDate, formatDuration } from '@/lib/format'

export function VideoCard({ video, onDelete }: { video: VideoSummary; onDelete: (video: VideoSummary) => void }) {
  return (
    <li className="group flex flex-col overflow-hidden rounded-card border border-line bg-surface transition-colors hover:border-violet/50">
      <Link to={`/videos/${video.id}`} className="relative block aspect-video overflow-hidden bg-night" aria-label={`Open ${video.title}`}>
        {video.poster_url ? (
          <img src={video.poster_url} alt="" loading="lazy" className="size-full object-cover transition-transform duration-300 group-hover:scale-[1.03]" />
        ) : (
          <div aria-hidden="true" className="size-full bg-gradient-to-br from-violet/40 via-magenta/20 to-aqua/20" />
        )}
        <span className="absolute right-2 bottom-2 rounded-md bg-black/70 px-1.5 py-0.5 text-xs font-medium tabular-nums text-ink">
          {formatDuration(video.duration_sec)}
        </span>
        {video.is_finalized && (
          <span className="absolute top-2 left-2">
            <Chip tone="aqua" className="bg-night/80">
              Finalized
            </Chip>
          </span>
        )}
      </Link>
      <div className="flex flex-1 flex-col gap-3 p-4">
        <div className="min-w-0">
          <h3 className="truncate font-display text-base font-semibold text-ink">
            <Link to={`/videos/${video.id}`} className="hover:underline">
              {video.title}
            </Link>
          </h3>
          <p className="text-xs text-muted">
            {formatDate(video.created_at)} · {video.shape}
            {!video.is_finalized && ' · draft'}
          </p>
        </div>
        <div className="mt-auto flex gap-2">
          <CopyLinkButton text={video.shareable_url} size="sm" className="flex-1" label={`Copy share link for ${video.title}`}>
            Copy link
          </CopyLinkButton>
          <Button size="sm" variant="ghost" className="text-danger hover:text-danger" aria-label={`Delete ${video.title}`} onClick={() => onDelete(video)}>
            Delete
          </Button>
        </div>
      </div>
    </li>
  )
}
