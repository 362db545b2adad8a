import type { Analysis } from '@/api/types'
import { Chip } from '@/components/ui/chip'
import { humanize } from '@/lib/format'

export function AnalysisSummary({ analysis }: { analysis: Analysis }) {
  const energy = analysis.mood_vector?.energy
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
      <Stat label="Tempo" value={`${Math.round(analysis.bpm)}`} unit="BPM" accent="from-violet/25" detail={`${analysis.time_signature ?? 4}/4 · ${analysis.beat_times.length} beats`} />
      <Stat label="Genre" value={humanize(analysis.genre)} accent="from-magenta/20" detail={topGenreDetail(analysis)} />
      <Stat label="Mood" value={humanize(analysis.mood_primary)} accent="from-aqua/20" detail={energy !== undefined ? `Energy ${Math.round(energy * 100)}%` : undefined} />
      <div className="rounded-card border border-line bg-surface p-4">
        <p className="text-xs font-medium tracking-wide text-muted uppercase">Lyrics</p>
        <p className="mt-1 font-display text-lg font-semibold text-ink">
          {analysis.lyrics_available ? `${analysis.lyrics.length} lines` : 'None found'}
        </p>
        <div className="mt-2 flex flex-wrap gap-1.5">
          {analysis.mood_tags.slice(0, 4).map((tag) => (
            <Chip key={tag} tone="violet">
              {humanize(tag)}
            </Chip>
          ))}
        </div>
      </div>
    </div>
  )
}

function topGenreDetail(analysis: Analysis): string | undefined {
  const top = analysis.genre_scores?.[0]
  return top ? `${Math.round(top.score * 100)}% confidence` : undefined
}

function Stat({ label, value, unit, detail, accent }: { label: string; value: string; unit?: string; detail?: string; accent: string }) {
  return (
    <div className={`rounded-card border border-line bg-gradient-to-br ${accent} to-surface to-70% p-4`}>
      <p className="text-xs font-medium tracking-wide text-muted uppercase">{label}</p>
      <p className="mt-1 truncate font-display text-2xl font-semibold text-ink">
        {value}
        {unit && <span className="ml-1 text-sm font-medium text-muted">{unit}</span>}
      </p>
      {detail && <p className="mt-1 text-xs text-muted">{detail}</p>}
    </div>
  )
}
