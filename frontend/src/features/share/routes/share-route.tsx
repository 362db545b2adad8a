import { useEffect } from 'react'
import { Link, useParams } from 'react-router'
import { ApiError, errorMessage } from '@/api/client'
import { CopyLinkButton } from '@/components/ui/copy-button'
import { Logo } from '@/components/ui/logo'
import { LoadingBlock } from '@/components/ui/page'
import { formatDuration } from '@/lib/format'
import { useShare } from '../api/get-share'
import { shareCaptionsUrl } from '@/features/lyrics/api/lyrics'

/** The public page behind a share link: no account, just the video. */
export default function ShareRoute() {
  const { token = '' } = useParams()
  const share = useShare(token)
  const title = share.data?.title

  useEffect(() => {
    document.title = title ? `${title} · VibeCraft` : 'VibeCraft'
  }, [title])

  const notFound = share.error instanceof ApiError && share.error.status === 404

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between px-4 py-5 sm:px-6">
        <Logo />
        <Link to="/register" className="text-sm font-medium text-violet-soft hover:underline">
          Make your own
        </Link>
      </header>
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col px-4 pb-12 sm:px-6">
        {share.isPending ? (
          <LoadingBlock label="Loading the video…" />
        ) : share.isError ? (
          <div className="mx-auto mt-16 max-w-md rounded-card border border-line bg-surface p-8 text-center">
            <h1 className="font-display text-2xl font-semibold text-ink">{notFound ? 'Video not found' : 'This video can’t be played'}</h1>
            <p className="mt-2 text-sm text-muted">
              {notFound ? 'This share link is no longer active. The video may have been deleted by its creator.' : errorMessage(share.error)}
            </p>
          </div>
        ) : (
          <article className="flex flex-col gap-4">
            <div className="overflow-hidden rounded-card border border-line bg-black shadow-[0_40px_120px_-40px_rgb(110_107_255/0.5)]">
              <video
                src={share.data.video_url}
                poster={share.data.poster_url ?? undefined}
                controls
                playsInline
                preload="metadata"
                aria-label={`Video: ${share.data.title}`}
                className="mx-auto max-h-[75dvh] w-full"
                style={{ aspectRatio: `${share.data.width} / ${share.data.height}` }}
              >
                {/* The browser's own captions: the song's timed lyrics (a song without lyrics simply has none). */}
                <track kind="captions" src={shareCaptionsUrl(token, 'vtt')} srcLang="und" label="Lyrics" />
              </video>
            </div>
            <div>
              <h1 className="font-display text-2xl font-semibold text-ink sm:text-3xl">{share.data.title}</h1>
              <p className="mt-1 text-sm text-muted">{formatDuration(share.data.duration_sec)} · made with VibeCraft</p>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <label htmlFor="share-link" className="text-sm text-muted">
                Link
              </label>
              <input
                id="share-link"
                readOnly
                value={window.location.href.split('#')[0]}
                onFocus={(e) => e.currentTarget.select()}
                className="min-w-0 flex-1 rounded-lg border border-line bg-surface px-3 py-1.5 font-mono text-xs text-ink"
              />
              <CopyLinkButton text={window.location.href.split('#')[0]} size="sm" label="Copy link">
                Copy link
              </CopyLinkButton>
            </div>
          </article>
        )}
      </main>
    </div>
  )
}
