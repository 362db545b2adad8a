import { Link } from 'react-router'
import { Logo } from '@/components/ui/logo'

const primary =
  'inline-flex h-12 items-center justify-center rounded-xl bg-violet-strong px-6 text-base font-medium text-white shadow-[0_8px_24px_-8px_rgb(110_107_255/0.7)] hover:bg-[#4a45e6]'
const secondary =
  'inline-flex h-12 items-center justify-center rounded-xl border border-line bg-surface-raised px-6 text-base font-medium text-ink hover:border-violet-soft/60'

const STEPS = [
  { title: 'Upload a song', text: 'MP3, WAV, M4A, FLAC or OGG, up to five minutes. VibeCraft finds its tempo, beats, bars, sections, mood and lyrics.' },
  { title: 'Shape it', text: 'Mark the verses and choruses on the waveform, pick a look and describe the world you want in your own words.' },
  { title: 'Get a video cut on the beat', text: 'Every cut lands on a beat. Regenerate a clip you don’t like, then share a link or download the MP4.' },
]

/** What signed-out visitors see first: what VibeCraft does, a video it made, and the way in. */
export default function LandingRoute() {
  return (
    <div className="min-h-dvh">
      <header className="mx-auto flex max-w-6xl items-center justify-between px-4 py-5 sm:px-6">
        <Logo />
        <nav aria-label="Account" className="flex items-center gap-2">
          <Link to="/sign-in" className="rounded-lg px-3 py-2 text-sm font-medium text-muted hover:text-ink">
            Sign in
          </Link>
          <Link to="/register" className="rounded-lg bg-white/5 px-3 py-2 text-sm font-medium text-ink hover:bg-white/10">
            Create an account
          </Link>
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 pb-16 sm:px-6">
        <section aria-labelledby="hero-heading" className="grid items-center gap-10 py-8 lg:grid-cols-2 lg:py-16">
          <div>
            <h1 id="hero-heading" className="font-display text-4xl leading-tight font-semibold text-ink sm:text-5xl">
              Turn your song into a music video cut to its beat.
            </h1>
            <p className="mt-4 max-w-xl text-lg text-muted">
              VibeCraft listens to your track, finds its beats, sections and mood, and makes a video whose every cut lands on the music. You
              steer it with words; it keeps the sync.
            </p>
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              <Link to="/register" className={primary}>
                Make your first video
              </Link>
              <Link to="/sign-in" className={secondary}>
                I have an account
              </Link>
            </div>
          </div>
          <figure className="overflow-hidden rounded-card border border-line bg-black shadow-[0_30px_80px_-30px_rgb(110_107_255/0.45)]">
            <video
              src="/sample-video.mp4"
              poster="/sample-video-poster.jpg"
              controls
              playsInline
              preload="none"
              className="aspect-video w-full"
              aria-label="Sample video made by VibeCraft"
            />
            <figcaption className="border-t border-line bg-surface px-4 py-2.5 text-xs text-muted">
              Made by VibeCraft from a 12-second track: the “Mood environment” look, cut on the beat.
            </figcaption>
          </figure>
        </section>
        <section aria-labelledby="how-heading" className="py-8">
          <h2 id="how-heading" className="font-display text-2xl font-semibold text-ink">
            How it works
          </h2>
          <ol className="mt-6 grid gap-4 md:grid-cols-3">
            {STEPS.map((step, i) => (
              <li key={step.title} className="rounded-card border border-line bg-surface p-5">
                <p className="text-sm font-medium text-violet-soft">Step {i + 1}</p>
                <h3 className="mt-1 font-display text-lg font-semibold text-ink">{step.title}</h3>
                <p className="mt-2 text-sm text-muted">{step.text}</p>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="editor-heading" className="py-8">
          <h2 id="editor-heading" className="font-display text-2xl font-semibold text-ink">
            Finish it anywhere
          </h2>
          <p className="mt-3 max-w-3xl text-muted">
            Share a link that plays without an account, download the MP4, or take the timeline (OpenTimelineIO, Final Cut XML or EDL) with
            its clips, song and captions into your video editor — frame-exact.
          </p>
        </section>
      </main>
    </div>
  )
}
