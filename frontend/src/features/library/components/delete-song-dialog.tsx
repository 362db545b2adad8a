import type { Song, VideoSummary } from '@/api/types'
import { errorMessage } from '@/api/client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { useDeleteSong } from '../api/delete-song'

/** Confirms deleting a song, naming every video that goes with it. */
export function DeleteSongDialog({ song, videos, onClose }: { song: Song | null; videos: VideoSummary[]; onClose: () => void }) {
  const remove = useDeleteSong()
  const close = () => {
    remove.reset()
    onClose()
  }
  return (
    <Dialog
      open={song !== null}
      title={`Delete the song “${song?.title ?? ''}”?`}
      description={
        videos.length === 0
          ? 'The song, its analysis and its sections are deleted and their space in your quota is freed. This cannot be undone.'
          : `The song, its analysis and ${videos.length === 1 ? 'its video' : `its ${videos.length} videos`} are deleted, share links stop working and the space is freed. This cannot be undone.`
      }
      onClose={close}
      busy={remove.isPending}
    >
      {videos.length > 0 && (
        <div>
          <p className="text-sm font-medium text-ink">{videos.length === 1 ? 'This video goes with it:' : 'These videos go with it:'}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-muted">
            {videos.map((v) => (
              <li key={v.id}>
                {v.title}
                {v.is_finalized ? ' (finalized)' : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {remove.isError && <Alert>{errorMessage(remove.error)}</Alert>}
      <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="ghost" onClick={close} disabled={remove.isPending}>
          Keep it
        </Button>
        <Button variant="danger" loading={remove.isPending} onClick={() => song && remove.mutate(song.id, { onSuccess: close })}>
          {videos.length === 0 ? 'Delete song' : `Delete song and ${videos.length === 1 ? 'video' : `${videos.length} videos`}`}
        </Button>
      </div>
    </Dialog>
  )
}
