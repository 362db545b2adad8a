import { useEffect, useState } from 'react'
import type { PromptInfo } from '@/api/types'
import { errorMessage } from '@/api/client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardTitle } from '@/components/ui/card'
import { SelectField, TextAreaField } from '@/components/ui/field'
import { cn } from '@/lib/cn'
import { usePromptReading } from '../api/interpret-prompt'
import { useUpdatePrompt } from '../api/update-prompt'
import { PromptReadingPanel } from './prompt-reading'

const SHAPE_LABELS: Record<string, string> = { '16:9': 'Landscape', '9:16': 'Vertical', '1:1': 'Square' }
const MAX_PROMPT = 1000

export function LookSettings({ songId, info }: { songId: string; info: PromptInfo }) {
  const update = useUpdatePrompt(songId)
  const [prompt, setPrompt] = useState(info.prompt)
  const [savedPrompt, setSavedPrompt] = useState(info.prompt)
  useEffect(() => {
    setPrompt(info.prompt)
    setSavedPrompt(info.prompt)
  }, [info.prompt])
  const disabled = !info.editable
  const reading = usePromptReading(prompt)
  const suggestedLabel = info.video_types.find((t) => t.id === info.suggested_video_type)?.label

  return (
    <Card className="flex flex-col gap-5">
      <CardTitle>Look and feel</CardTitle>
      <SelectField
        label="Video type"
        value={info.video_type}
        disabled={disabled || update.isPending}
        onChange={(e) => update.mutate({ video_type: e.target.value })}
        hint={
          info.suggested_video_type && (
            <span>
              <span className="font-medium text-aqua">Suggested: {suggestedLabel ?? info.suggested_video_type}</span>
              {info.suggested_video_type_reason && <> — {info.suggested_video_type_reason}</>}
            </span>
          )
        }
      >
        {info.video_types.map((type) => (
          <option key={type.id} value={type.id}>
            {type.label}
            {type.id === info.suggested_video_type ? ' (suggested)' : ''}
          </option>
        ))}
      </SelectField>

      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-ink">Shape</legend>
        <div className="grid grid-cols-3 gap-2">
          {info.shapes.map((shape) => {
            const selected = shape === info.shape
            return (
              <label
                key={shape}
                className={cn(
                  'flex cursor-pointer flex-col items-center gap-2 rounded-xl border px-2 py-3 text-xs transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-aqua',
                  selected ? 'border-violet bg-violet/15 text-ink' : 'border-line text-muted hover:border-[#3a3a4a]',
                  disabled && 'cursor-not-allowed opacity-60',
                )}
              >
                <input
                  type="radio"
                  name="shape"
                  value={shape}
                  checked={selected}
                  disabled={disabled || update.isPending}
                  onChange={() => update.mutate({ shape })}
                  className="sr-only"
                />
                <ShapeIcon shape={shape} />
                <span className="font-medium">{shape}</span>
                <span className="sr-only sm:not-sr-only">{SHAPE_LABELS[shape] ?? ''}</span>
              </label>
            )
          })}
        </div>
      </fieldset>

      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          update.mutate({ prompt: prompt.trim() }, { onSuccess: (next) => setSavedPrompt(next.prompt) })
        }}
      >
        <TextAreaField
          label="Overall prompt"
          value={prompt}
          maxLength={MAX_PROMPT}
          disabled={disabled}
          onChange={(e) => setPrompt(e.target.value)}
          hint={`Describe the world: colours, places, weather, camera (English, Spanish, French or German). ${prompt.length}/${MAX_PROMPT}`}
          rows={4}
        />
        <PromptReadingPanel reading={reading.data} pending={reading.isFetching} />
        {!disabled && (
          <Button type="submit" size="sm" variant="secondary" className="self-end" disabled={prompt.trim() === savedPrompt.trim() || !prompt.trim()} loading={update.isPending}>
            Save prompt
          </Button>
        )}
      </form>
      {update.isError && <Alert>{errorMessage(update.error)}</Alert>}
      {disabled && <p className="text-xs text-muted">Generation has started, so the look is fixed.</p>}
    </Card>
  )
}

function ShapeIcon({ shape }: { shape: string }) {
  const [w, h] = shape === '9:16' ? [14, 24] : shape === '1:1' ? [20, 20] : [28, 16]
  return (
    <svg viewBox="0 0 30 26" className="h-6 w-8" aria-hidden="true">
      <rect x={(30 - w) / 2} y={(26 - h) / 2} width={w} height={h} rx="3" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  )
}
