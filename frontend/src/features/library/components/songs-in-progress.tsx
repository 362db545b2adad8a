import { Link } from 'react-router'
import type { Song } from '@/api/types'
import { Chip } from '@/components/ui/chip'
import { formatDuration } from '@/lib/format'

/** Songs that have no video yet, with a link to wherever each one left off. */
export function SongsInProgress({ songs }: { songs: Song[] }) {
  if (songs.length === 0) return null
  return (
    <section aria-labelledby="in-progress-heading" className="mb-8">
      <h2 id="in-progress-heading" className="mb-3 font-display text-lg font-semibold text-ink">
        In progress
      </h2>
      <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {songs.map((song) => {
          const [href, label, tone] = songNextStep(song)
          return (
            <li key={song.id}>
              <Link to={href} className="flex items-center justify-between gap-3 rounded-xl border border-line bg-surface px-4 py-3 hover:border-violet/50">
                <span className="min-w-0">
                  <span className="block truncate text-sm font-medium text-ink">{song.title}</span>
                  <span className="text-xs text-muted">{formatDuration(song.duration_sec)}</span>
                </span>
                <Chip tone={tone}>{label}</Chip>
              </Link>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function songNextStep(song: Song): [string, string, 'violet' | 'magenta' | 'aqua' | 'danger'] {
  if (song.locked) return [`/songs/${song.id}/generation`, 'Generating', 'magenta']
  if (song.status === 'analyzed') return [`/songs/${song.id}/edit`, 'Ready to edit', 'aqua']
  if (song.status === 'analysis_failed') return [`/songs/${song.id}/analysis`, 'Analysis failed', 'danger']
  return [`/songs/${song.id}/analysis`, 'Analyzing', 'violet']
}
