import type { Analysis } from '@/api/types'
import { errorMessage } from '@/api/client'
import { Chip } from '@/components/ui/chip'
import { controlClass } from '@/components/ui/field'
import { humanize } from '@/lib/format'
import { useTags } from '../api/correct-analysis'
import type { AnalysisCorrections } from '../hooks/use-analysis-corrections'
import { TempoCard } from './tempo-card'

interface Props {
  songId: string
  analysis: Analysis
  locked: boolean
  corrections: AnalysisCorrections
}

export function AnalysisSummary({ songId, analysis, locked, corrections }: Props) {
  const energy = analysis.mood_vector?.energy
  const tags = useTags(songId)
  const detected = analysis.detected_tags
  return (
    <div className="flex flex-col gap-2">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <TempoCard
          analysis={analysis}
          locked={locked}
          pending={corrections.gridPending}
          error={corrections.gridError}
          onCorrect={corrections.correctGrid}
        />
        <TagPicker
          label="Genre"
          value={analysis.genre}
          options={tags.data?.genre_options ?? []}
          detail={detected && detected.genre !== analysis.genre ? `Detected ${humanize(detected.genre)}` : topGenreDetail(analysis)}
          accent="from-magenta/20"
          disabled={locked || corrections.tagsPending || !tags.data}
          onPick={(genre) => corrections.updateTags({ genre })}
        />
        <TagPicker
          label="Mood"
          value={analysis.mood_primary}
          options={tags.data?.mood_options ?? []}
          detail={
            detected && detected.mood_primary !== analysis.mood_primary
              ? `Detected ${humanize(detected.mood_primary)}`
              : energy !== undefined
                ? `Energy ${Math.round(energy * 100)}%`
                : undefined
          }
          accent="from-aqua/20"
          disabled={locked || corrections.tagsPending || !tags.data}
          onPick={(mood) => corrections.updateTags({ mood })}
        />
        <div className="rounded-card border border-line bg-surface p-4">
          <p className="text-xs font-medium tracking-wide text-muted uppercase">Lyrics</p>
          <p className="mt-1 font-display text-lg font-semibold text-ink">
            {analysis.lyrics_available ? `${analysis.lyrics.length} lines` : 'None found'}
          </p>
        </div>
      </div>
      {analysis.mood_tags.length > 0 && (
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="text-xs font-medium tracking-wide text-muted uppercase">Mood tags</span>
          {analysis.mood_tags.slice(0, 6).map((tag) => (
            <Chip key={tag} tone="violet">
              {humanize(tag)}
            </Chip>
          ))}
        </div>
      )}
      {corrections.tagsError != null && (
        <p role="alert" className="text-xs text-danger">
          {errorMessage(corrections.tagsError)}
        </p>
      )}
    </div>
  )
}

function topGenreDetail(analysis: Analysis): string | undefined {
  const top = analysis.genre_scores?.[0]
  return top ? `${Math.round(top.score * 100)}% confidence` : undefined
}

interface TagPickerProps {
  label: string
  value: string
  options: string[]
  detail?: string
  accent: string
  disabled: boolean
  onPick: (value: string) => void
}

/** A genre or mood, correctable from the server's list; the detected value stays pickable even if not listed. */
function TagPicker({ label, value, options, detail, accent, disabled, onPick }: TagPickerProps) {
  const choices = options.includes(value) ? options : [value, ...options]
  return (
    <div className={`rounded-card border border-line bg-gradient-to-br ${accent} to-surface to-70% p-4`}>
      <label className="text-xs font-medium tracking-wide text-muted uppercase" htmlFor={`pick-${label}`}>
        {label}
      </label>
      <select
        id={`pick-${label}`}
        className={`${controlClass} mt-1 h-10 font-display text-lg font-semibold`}
        value={value}
        disabled={disabled}
        onChange={(e) => onPick(e.target.value)}
      >
        {choices.map((option) => (
          <option key={option} value={option}>
            {humanize(option)}
          </option>
        ))}
      </select>
      {detail && <p className="mt-1 text-xs text-muted">{detail}</p>}
    </div>
  )
}
