import { memo, useMemo, useState } from 'react'
import type { LyricLine } from '@/api/types'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { controlClass } from '@/components/ui/field'
import { cn } from '@/lib/cn'
import { formatPreciseTime } from '@/lib/format'
import type { SectionsEditor } from '../hooks/use-sections-editor'
import type { EditorSection } from '../lib/editor-sections'
import { sectionColor } from '../lib/section-colors'
import { linesInRange } from '../lib/section-lyrics'
import { MAX_LABEL_LENGTH, MAX_NOTE_LENGTH, MAX_SECTIONS } from '../lib/validation'

export interface SectionsPanelProps {
  editor: SectionsEditor
  lyrics: LyricLine[]
  /** Read at click time, so playback does not re-render the list. */
  getPlayheadTime: () => number
  onUseSuggested: () => void
  readOnly?: boolean
}

export function SectionsPanel({ editor, lyrics, getPlayheadTime, onUseSuggested, readOnly = false }: SectionsPanelProps) {
  const { sections, validation, notice } = editor
  const { rename, setNote, remove, nudgeBoundary } = editor
  const cardActions = useMemo(() => ({ rename, setNote, remove, nudgeBoundary }), [rename, setNote, remove, nudgeBoundary])
  return (
    <section aria-labelledby="sections-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="sections-heading" className="font-display text-lg font-semibold text-ink">
            Sections
          </h2>
          <p className="text-xs text-muted">
            {sections.length} of {MAX_SECTIONS} · edges snap to beats, and to bar starts when close
          </p>
        </div>
        {!readOnly && (
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={editor.add} disabled={sections.length >= MAX_SECTIONS}>
              + Add section
            </Button>
            <Button size="sm" variant="secondary" onClick={() => editor.splitAt(getPlayheadTime())} disabled={sections.length >= MAX_SECTIONS}>
              Split at playhead
            </Button>
            <Button size="sm" variant="ghost" onClick={onUseSuggested}>
              Use suggested sections
            </Button>
          </div>
        )}
      </div>
      {notice && (
        <Alert tone="warning" className="py-2">
          {notice}
        </Alert>
      )}
      {validation.general.map((message) => (
        <Alert key={message}>{message}</Alert>
      ))}
      <ol className="flex flex-col gap-3">
        {sections.map((section, index) => (
          <SectionCard
            key={section.key}
            section={section}
            index={index}
            isFirst={index === 0}
            canDelete={sections.length > 1}
            errors={validation.bySection[section.key]}
            lyrics={lyrics}
            editor={cardActions}
            readOnly={readOnly}
          />
        ))}
      </ol>
    </section>
  )
}

interface SectionCardProps {
  section: EditorSection
  index: number
  isFirst: boolean
  canDelete: boolean
  errors?: string[]
  lyrics: LyricLine[]
  editor: Pick<SectionsEditor, 'rename' | 'setNote' | 'remove' | 'nudgeBoundary'>
  readOnly: boolean
}

const SectionCard = memo(function SectionCard({ section, index, isFirst, canDelete, errors, lyrics, editor, readOnly }: SectionCardProps) {
  const number = index + 1
  const name = section.label.trim() || `Section ${number}`
  const lines = linesInRange(lyrics, section.start, section.end)
  const [allLines, setAllLines] = useState(false)
  const noteLength = section.note.length
  const labelId = `section-${section.key}-label`
  const noteId = `section-${section.key}-note`
  const counterId = `section-${section.key}-note-count`

  return (
    <li
      aria-label={`Section ${number}: ${name}`}
      className={cn('rounded-card border bg-night/40 p-4', errors?.length ? 'border-danger/60' : 'border-line')}
      style={{ boxShadow: `inset 4px 0 0 ${sectionColor(index)}` }}
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex min-w-0 flex-1 flex-col gap-3">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <label htmlFor={labelId} className="sr-only">
              Name of section {number}
            </label>
            <input
              id={labelId}
              value={section.label}
              maxLength={MAX_LABEL_LENGTH}
              readOnly={readOnly}
              onChange={(e) => editor.rename(section.key, e.target.value)}
              className={cn(controlClass, 'h-9 max-w-64 font-medium')}
            />
            <span className="text-xs tabular-nums text-muted">
              {formatPreciseTime(section.start)} – {formatPreciseTime(section.end)} · {(section.end - section.start).toFixed(1)} s
            </span>
          </div>
          <div>
            <div className="mb-1 flex items-baseline justify-between gap-2">
              <label htmlFor={noteId} className="text-xs font-medium text-muted">
                Prompt note for section {number}
              </label>
              <span id={counterId} className={cn('text-xs tabular-nums', noteLength >= MAX_NOTE_LENGTH ? 'text-magenta' : 'text-muted')}>
                {noteLength}/{MAX_NOTE_LENGTH}
              </span>
            </div>
            <input
              id={noteId}
              value={section.note}
              maxLength={MAX_NOTE_LENGTH}
              readOnly={readOnly}
              placeholder="e.g. neon rain, slow camera push-in"
              aria-describedby={counterId}
              onChange={(e) => editor.setNote(section.key, e.target.value)}
              className={cn(controlClass, 'h-9')}
            />
          </div>
          {lines.length > 0 && (
            <div className="rounded-lg bg-white/[0.03] px-3 py-2 text-xs leading-relaxed text-muted">
              <span className="sr-only">Lyrics in this section: </span>
              {(allLines ? lines : lines.slice(0, 3)).map((line) => (
                <p key={`${line.start}-${line.text}`} className={allLines ? undefined : 'truncate'}>
                  “{line.text}”
                </p>
              ))}
              {lines.length > 3 && (
                <button
                  type="button"
                  aria-expanded={allLines}
                  onClick={() => setAllLines((open) => !open)}
                  className="mt-1 rounded text-violet-soft underline-offset-4 hover:underline"
                >
                  {allLines ? 'Show fewer lines' : `Show ${lines.length - 3} more ${lines.length - 3 === 1 ? 'line' : 'lines'}`}
                </button>
              )}
            </div>
          )}
          {errors?.map((message) => (
            <p key={message} role="alert" className="text-xs text-danger">
              {message}
            </p>
          ))}
        </div>
        {!readOnly && (
          <div className="flex items-center gap-1 sm:flex-col sm:items-end">
            {!isFirst && (
              <div className="flex gap-1" role="group" aria-label={`Start of ${name}`}>
                <Button size="sm" variant="ghost" aria-label={`Move start of ${name} one beat earlier`} onClick={() => editor.nudgeBoundary(index, -1)}>
                  ◂ beat
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Move start of ${name} one beat later`} onClick={() => editor.nudgeBoundary(index, 1)}>
                  beat ▸
                </Button>
              </div>
            )}
            <Button
              size="sm"
              variant="ghost"
              className="text-danger hover:text-danger"
              aria-label={`Delete section ${name}`}
              disabled={!canDelete}
              onClick={() => editor.remove(section.key)}
            >
              Delete
            </Button>
          </div>
        )}
      </div>
    </li>
  )
})
