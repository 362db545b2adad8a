import { useState } from 'react'
import { Link } from 'react-router'
import type { Song, VideoSummary } from '@/api/types'
import { errorMessage } from '@/api/client'
import { useMe } from '@/api/requests/get-me'
import { Alert } from '@/components/ui/alert'
import { EmptyState, LoadingBlock, PageContainer, PageHeader } from '@/components/ui/page'
import { useSongs } from '../api/get-songs'
import { useVideos } from '../api/get-videos'
import { DeleteSongDialog } from '../components/delete-song-dialog'
import { DeleteVideoDialog } from '../components/delete-video-dialog'
import { SongsInProgress } from '../components/songs-in-progress'
import { UsageMeters } from '../components/usage-meters'
import { VideoCard } from '../components/video-card'

const newVideoLink = 'inline-flex h-10 items-center rounded-xl bg-violet-strong px-4 text-sm font-medium text-white shadow-[0_8px_24px_-8px_rgb(110_107_255/0.7)] hover:bg-[#4a45e6]'

export default function LibraryRoute() {
  const me = useMe()
  const videos = useVideos()
  const songs = useSongs()
  const [deleting, setDeleting] = useState<VideoSummary | null>(null)
  const [deletingSong, setDeletingSong] = useState<Song | null>(null)

  const videoCounts = new Map<string, number>()
  for (const video of videos.data ?? []) videoCounts.set(video.song_id, (videoCounts.get(video.song_id) ?? 0) + 1)
  const songVideos = deletingSong ? (videos.data ?? []).filter((v) => v.song_id === deletingSong.id) : []

  return (
    <PageContainer wide>
      <PageHeader
        title="Your videos"
        description="Everything you have made, ready to share."
        actions={
          <Link to="/upload" className={newVideoLink}>
            + New video
          </Link>
        }
      />
      {me.data && (
        <div className="mb-8">
          <UsageMeters usage={me.data.usage} />
        </div>
      )}
      <SongsInProgress songs={songs.data ?? []} videoCounts={videoCounts} onDelete={setDeletingSong} />
      {videos.isPending ? (
        <LoadingBlock label="Loading your videos…" />
      ) : videos.isError ? (
        <Alert title="We couldn’t load your videos">{errorMessage(videos.error)}</Alert>
      ) : videos.data.length === 0 ? (
        <EmptyState
          title="No videos yet"
          action={
            <Link to="/upload" className={newVideoLink}>
              Upload a song
            </Link>
          }
        >
          Upload a track and VibeCraft will cut a video to its beat.
        </EmptyState>
      ) : (
        <section aria-labelledby="videos-heading">
          <h2 id="videos-heading" className="sr-only">
            Videos
          </h2>
          <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
            {videos.data.map((video) => (
              <VideoCard key={video.id} video={video} onDelete={setDeleting} />
            ))}
          </ul>
        </section>
      )}
      <DeleteVideoDialog video={deleting} onClose={() => setDeleting(null)} />
      <DeleteSongDialog song={deletingSong} videos={songVideos} onClose={() => setDeletingSong(null)} />
    </PageContainer>
  )
}
