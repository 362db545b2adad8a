import { useRef, useState } from 'react'
import { errorMessage } from '@/api/client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardTitle } from '@/components/ui/card'
import { SelectField } from '@/components/ui/field'
import { useDeleteMedia, useMediaShelf, usePlaceMedia, useSavedSections, useUploadMedia } from '../api/media-shelf'

const ACCEPT = 'image/jpeg,image/png,image/webp,video/mp4,video/quicktime,video/webm,video/x-msvideo,.avi,.mov'

/** The song's own photos and footage: upload, put each in a section or leave it to the planner, remove. */
export function MediaShelf({ songId, readOnly }: { songId: string; readOnly?: boolean }) {
  const shelf = useMediaShelf(songId)
  const sections = useSavedSections(songId)
  const upload = useUploadMedia(songId)
  const place = usePlaceMedia(songId)
  const remove = useDeleteMedia(songId)
  const input = useRef<HTMLInputElement>(null)
  const [progress, setProgress] = useState(0)
  const error = upload.error ?? place.error ?? remove.error

  async function onFiles(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      setProgress(0)
      await upload.mutateAsync({ file, onProgress: setProgress }).catch(() => undefined)
    }
    if (input.current) input.current.value = ''
  }

  return (
    <Card className="flex flex-col gap-4">
      <CardTitle>Your photos and footage</CardTitle>
      <p className="text-xs text-muted">
        They star in the video: cut on the beat, cropped to the shape, stills slowly zoom and punch on the downbeat, lyrics stay on top.
        Put one in a section, or leave it to the planner.
      </p>
      {!readOnly && (
        <div className="flex items-center gap-3">
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            multiple
            aria-label="Add photos or video clips"
            className="sr-only"
            onChange={(e) => void onFiles(e.target.files)}
          />
          <Button type="button" size="sm" variant="secondary" loading={upload.isPending} onClick={() => input.current?.click()}>
            Add photos or clips
          </Button>
          {upload.isPending && <span className="text-xs text-muted">{Math.round(progress * 100)}%</span>}
        </div>
      )}
      {error && <Alert>{errorMessage(error)}</Alert>}
      {shelf.data && shelf.data.length === 0 && <p className="text-xs text-muted">No media yet: the video is drawn from your words alone.</p>}
      <ul className="flex flex-col gap-3" aria-label="Media shelf">
        {shelf.data?.map((item) => (
          <li key={item.id} className="flex items-center gap-3">
            {item.kind === 'photo' ? (
              <img src={item.url} alt={item.original_filename} className="h-12 w-16 rounded-md object-cover" />
            ) : (
              <video src={item.url} muted preload="metadata" aria-label={item.original_filename} className="h-12 w-16 rounded-md object-cover" />
            )}
            <div className="min-w-0 flex-1">
              <SelectField
                label={`Section for ${item.original_filename}`}
                hideLabel
                value={item.section_id ?? ''}
                disabled={readOnly || place.isPending}
                onChange={(e) => place.mutate({ mediaId: item.id, sectionId: e.target.value || null })}
              >
                <option value="">Let the planner place it</option>
                {sections.data?.map((section) => (
                  <option key={section.id} value={section.id}>
                    {section.label}
                  </option>
                ))}
              </SelectField>
            </div>
            {!readOnly && (
              <Button type="button" size="sm" variant="ghost" aria-label={`Remove ${item.original_filename}`} onClick={() => remove.mutate(item.id)}>
                Remove
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Card>
  )
}
