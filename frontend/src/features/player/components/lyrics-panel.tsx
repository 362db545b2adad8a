import { memo, useEffect, useRef } from 'react'
import type { LyricLine } from '@/api/types'
import { cn } from '@/lib/cn'
import type { ActiveLyric } from '../lib/find-active-lyric'

interface Props {
  lines: LyricLine[]
  active: ActiveLyric
  onSeek?: (t: number) => void
}

export function LyricsPanel({ lines, active, onSeek }: Props) {
  const listRef = useRef<HTMLOListElement>(null)

  // Keep the sung line in view inside the panel without scrolling the page.
  useEffect(() => {
    const list = listRef.current
    const current = list?.querySelector<HTMLElement>('[aria-current="true"]')
    if (!list || !current) return
    const top = current.offsetTop - list.clientHeight / 2 + current.clientHeight / 2
    list.scrollTo?.({ top, behavior: 'smooth' })
  }, [active.lineIndex])

  if (lines.length === 0) {
    return <p className="py-6 text-center text-sm text-muted">No lyrics were found in this song.</p>
  }
  return (
    <ol ref={listRef} aria-label="Lyrics" className="relative max-h-72 space-y-1 overflow-y-auto pr-1 [scrollbar-width:thin]">
      {lines.map((line, index) => (
        <LyricRow
          key={`${line.start}-${index}`}
          line={line}
          current={index === active.lineIndex}
          wordIndex={index === active.lineIndex ? active.wordIndex : -1}
          onSeek={onSeek}
        />
      ))}
    </ol>
  )
}

const LyricRow = memo(function LyricRow({ line, current, wordIndex, onSeek }: { line: LyricLine; current: boolean; wordIndex: number; onSeek?: (t: number) => void }) {
  const words = line.words ?? []
  return (
    <li
      aria-current={current ? 'true' : undefined}
      className={cn(
        'rounded-lg px-3 py-1.5 transition-colors duration-200',
        current ? 'bg-violet/15 font-display text-lg font-medium text-ink' : 'text-base text-muted',
      )}
    >
      <button type="button" className="w-full cursor-pointer text-left" onClick={() => onSeek?.(line.start)} aria-label={`Play from “${line.text}”`}>
        {current && words.length > 0
          ? words.map((word, i) => (
              <span
                key={`${word.start}-${i}`}
                data-active={i === wordIndex ? 'true' : undefined}
                className={cn(i === wordIndex && 'rounded bg-magenta/20 text-magenta', i < wordIndex && 'text-ink', i > wordIndex && 'text-ink/70')}
              >
                {word.word}
                {i < words.length - 1 ? ' ' : ''}
              </span>
            ))
          : line.text}
      </button>
    </li>
  )
})
