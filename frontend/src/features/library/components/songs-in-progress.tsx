import { Link } from 'react-router'
import type { Song } from '@/api/types'
import { Button } from '@/components/ui/button'
import { Chip } from '@/components/ui/chip'
import { formatDate, formatDuration } from '@/lib/format'
import { useSongWaveform } from '../api/get-song-waveform'
import { SongWaveform } from './song-waveform'

/** Every uploaded song once, with its date, its waveform, where it left off, and a delete action. */
export function SongsInProgress({
  songs,
  videoCounts,
  onDelete,
}: {
  songs: Song[]
  videoCounts: Map<string, number>
  onDelete: (song: Song) => void
}) {
  if (songs.length === 0) return null
  return (
    <section aria-labelledby="songs-heading" className="mb-8">
      <h2 id="songs-heading" className="mb-3 font-display text-lg font-semibold text-ink">
        Your songs
      </h2>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {songs.map((song) => (
          <SongCard key={song.id} song={song} videos={videoCounts.get(song.id) ?? 0} onDelete={onDelete} />
        ))}
      </ul>
    </section>
  )
}

function SongCard({ song, videos, onDelete }: { song: Song; videos: number; onDelete: (song: Song) => void }) {
  const [href, label, tone] = songNextStep(song, videos)
  const peaks = useSongWaveform(song.id, song.status === 'analyzed')
  return (
    <li className="flex items-stretch gap-3 rounded-xl border border-line bg-surface p-3 hover:border-violet/50">
      <div className="h-14 w-20 shrink-0 overflow-hidden rounded-lg bg-night/70 p-1" aria-hidden="true">
        {peaks && peaks.length > 0 ? (
          <SongWaveform peaks={peaks} />
        ) : (
          <div className="size-full rounded-md bg-gradient-to-br from-violet/40 via-magenta/20 to-aqua/20" />
        )}
      </div>
      <div className="min-w-0 flex-1">
        <Link to={href} className="block truncate text-sm font-medium text-ink hover:underline">
          {/* Named apart from the video of the same title in "Your videos". */}
          <span className="sr-only">Song: </span>
          {song.title}
        </Link>
        <p className="text-xs text-muted">
          {formatDate(song.created_at)} · {formatDuration(song.duration_sec)}
        </p>
        <div className="mt-1">
          <Chip tone={tone}>{label}</Chip>
        </div>
      </div>
      <Button
        size="sm"
        variant="ghost"
        className="self-center text-danger hover:text-danger"
        aria-label={`Delete the song ${song.title}`}
        onClick={() => onDelete(song)}
      >
        Delete
      </Button>
    </li>
  )
}

function songNextStep(song: Song, videos: number): [string, string, 'violet' | 'magenta' | 'aqua' | 'danger' | 'neutral'] {
  if (song.locked) return [`/songs/${song.id}/generation`, videos > 0 ? 'Has a video' : 'Generating', 'magenta']
  if (song.status === 'analyzed') return [`/songs/${song.id}/edit`, 'Ready to edit', 'aqua']
  if (song.status === 'analysis_failed') return [`/songs/${song.id}/analysis`, 'Analysis failed', 'danger']
  return [`/songs/${song.id}/analysis`, 'Analyzing', 'violet']
}
