import { useRef, useState, type DragEvent } from 'react'
import { cn } from '@/lib/cn'
import { ACCEPT_ATTRIBUTE } from '../lib/audio-file-rules'

export function DropZone({ onFile, disabled }: { onFile: (file: File) => void; disabled?: boolean }) {
  const inputRef = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)

  function onDrop(event: DragEvent) {
    event.preventDefault()
    setDragging(false)
    if (disabled) return
    const file = event.dataTransfer.files?.[0]
    if (file) onFile(file)
  }

  return (
    <div
      onDragOver={(e) => {
        e.preventDefault()
        if (!disabled) setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={cn(
        'relative flex flex-col items-center justify-center rounded-card border-2 border-dashed px-6 py-12 text-center transition-colors sm:py-16',
        dragging ? 'border-aqua bg-aqua/5' : 'border-line bg-surface/70 hover:border-violet/60',
        disabled && 'opacity-60',
      )}
    >
      <div aria-hidden="true" className="mb-5 grid size-16 place-items-center rounded-2xl bg-gradient-to-br from-violet to-magenta shadow-[0_12px_40px_-12px_rgb(255_126_250/0.6)]">
        <svg viewBox="0 0 24 24" className="size-8 text-white" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M12 16V4m0 0l-4.5 4.5M12 4l4.5 4.5" strokeLinecap="round" strokeLinejoin="round" />
          <path d="M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" strokeLinecap="round" />
        </svg>
      </div>
      <p className="font-display text-lg font-semibold text-ink">Drop your track here</p>
      <p className="mt-1 text-sm text-muted">or</p>
      <button
        type="button"
        disabled={disabled}
        onClick={() => inputRef.current?.click()}
        className="mt-3 inline-flex h-11 items-center rounded-xl bg-violet-strong px-5 text-sm font-medium text-white hover:bg-[#4a45e6] disabled:opacity-50"
      >
        Browse files
      </button>
      <input
        ref={inputRef}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        className="sr-only"
        tabIndex={-1}
        aria-label="Song file"
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) onFile(file)
          e.target.value = ''
        }}
      />
      <p className="mt-6 text-xs text-muted">MP3, WAV or M4A · up to 5 minutes · up to 50 MB</p>
    </div>
  )
}
