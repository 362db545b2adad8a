import { errorMessage } from '@/api/client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { useFinalizeVideo } from '../api/finalize-video'

export function FinalizeDialog({ videoId, open, onClose }: { videoId: string; open: boolean; onClose: () => void }) {
  const finalize = useFinalizeVideo(videoId)
  return (
    <Dialog
      open={open}
      title="Finalize this video?"
      description="This cannot be undone. The clips and drafts are deleted, and you will not be able to regenerate any part of the video afterwards. The finished video and its share link stay."
      onClose={onClose}
      busy={finalize.isPending}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={finalize.isPending}>
            Not yet
          </Button>
          <Button variant="danger" loading={finalize.isPending} onClick={() => finalize.mutate(undefined, { onSuccess: onClose })}>
            Finalize permanently
          </Button>
        </>
      }
    >
      {finalize.isError && <Alert>{errorMessage(finalize.error)}</Alert>}
    </Dialog>
  )
}
