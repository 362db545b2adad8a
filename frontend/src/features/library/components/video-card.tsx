import { Link } from 'react-router'
import type { VideoSummary } from '@/api/types'
import { Button } from '@/components/ui/button'
import { Chip } from '@/components/ui/chip'
import { CopyLinkButton } from '@/components/ui/copy-button'
import { formatDate, formatDuration } from '@/lib/format'
import { useSetVideoShared } from '../api/share-video'

export function VideoCard({ video, onDelete }: { video: VideoSummary; onDelete: (video: VideoSummary) => void }) {
  // A video without a file is still being generated (or failed): its page is the generation progress.
  const href = video.video_url ? `/videos/${video.id}` : `/songs/${video.song_id}/generation`
  const share = useSetVideoShared()
  return (
    <li className="group flex flex-col overflow-hidden rounded-card border border-line bg-surface transition-colors hover:border-violet/50">
      <Link to={href} className="relative block aspect-video overflow-hidden bg-night" tabIndex={-1} aria-hidden="true">
        {video.poster_url ? (
          <img src={video.poster_url} alt="" loading="lazy" className="size-full object-cover transition-transform duration-300 group-hover:scale-[1.03]" />
        ) : (
          <div aria-hidden="true" className="size-full bg-gradient-to-br from-violet/40 via-magenta/20 to-aqua/20" />
        )}
        <span className="absolute right-2 bottom-2 rounded-md bg-black/70 px-1.5 py-0.5 text-xs font-medium tabular-nums text-ink">
          {formatDuration(video.duration_sec)}
        </span>
        {!video.video_url && (
          <span className="absolute top-2 left-2">
            <Chip tone="violet" className="bg-night/80">
              {video.status === 'failed' ? 'Generation failed' : 'Being made…'}
            </Chip>
          </span>
        )}
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
            <Link to={href} className="hover:underline">
              {video.title}
            </Link>
          </h3>
          <p className="text-xs text-muted">
            {formatDate(video.created_at)} · {video.shape}
            {!video.is_finalized && ' · draft'}
            {/* The poster above is hidden from assistive tech; its badges are repeated here. */}
            <span className="sr-only">
              {` · ${formatDuration(video.duration_sec)}`}
              {video.is_finalized && ' · finalized'}
              {!video.video_url && (video.status === 'failed' ? ' · generation failed' : ' · being made')}
            </span>
          </p>
        </div>
        <div className="mt-auto flex flex-wrap gap-2">
          {video.shareable_url ? (
            <>
              <CopyLinkButton text={video.shareable_url} size="sm" className="flex-1" label={`Copy link to share ${video.title}`}>
                Copy link
              </CopyLinkButton>
              <Button size="sm" variant="ghost" disabled={share.isPending} aria-label={`Renew link for ${video.title} (the old one stops working)`}
                onClick={() => share.mutate({ videoId: video.id, shared: true })}>
                Renew link
              </Button>
              <Button size="sm" variant="ghost" disabled={share.isPending} aria-label={`Stop sharing ${video.title}`}
                onClick={() => share.mutate({ videoId: video.id, shared: false })}>
                Stop sharing
              </Button>
            </>
          ) : (
            <Button size="sm" variant="ghost" className="flex-1" disabled={share.isPending} aria-label={`Share ${video.title}`}
              onClick={() => share.mutate({ videoId: video.id, shared: true })}>
              Share
            </Button>
          )}
          <Button size="sm" variant="ghost" className="text-danger hover:text-danger" aria-label={`Delete ${video.title}`} onClick={() => onDelete(video)}>
            Delete
          </Button>
        </div>
      </div>
    </li>
  )
}
