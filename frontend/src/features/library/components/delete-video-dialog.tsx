import type { VideoSummary } from '@/api/types'
import { errorMessage } from '@/api/client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { useDeleteVideo } from '../api/delete-video'

export function DeleteVideoDialog({ video, onClose }: { video: VideoSummary | null; onClose: () => void }) {
  const remove = useDeleteVideo()
  return (
    <Dialog
      open={video !== null}
      title={`Delete “${video?.title ?? ''}”?`}
      description="The video and its files are deleted and its share link stops working. This frees its space in your quota and cannot be undone."
      onClose={() => {
        remove.reset()
        onClose()
      }}
      busy={remove.isPending}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={remove.isPending}>
            Keep it
          </Button>
          <Button
            variant="danger"
            loading={remove.isPending}
            onClick={() => video && remove.mutate(video.id, { onSuccess: () => { remove.reset(); onClose() } })}
          >
            Delete video
          </Button>
        </>
      }
    >
      {remove.isError && <Alert>{errorMessage(remove.error)}</Alert>}
    </Dialog>
  )
}
