import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { LyricLine } from '@/api/types'
import { findActiveLyric } from '../lib/find-active-lyric'
import { LyricsPanel } from './lyrics-panel'

const lines: LyricLine[] = [
  {
    start: 0,
    end: 2,
    text: 'fantasma en la noche',
    words: [
      { start: 0, end: 0.5, word: 'fantasma' },
      { start: 0.5, end: 0.8, word: 'en' },
      { start: 0.8, end: 1.1, word: 'la' },
      { start: 1.1, end: 2, word: 'noche' },
    ],
  },
  { start: 2.5, end: 4, text: 'baila conmigo' },
]

describe('LyricsPanel', () => {
  it('highlights the current line and word at the playback time', () => {
    render(<LyricsPanel lines={lines} active={findActiveLyric(lines, 0.9)} />)
    const current = screen.getByRole('listitem', { current: true })
    expect(current).toHaveTextContent('fantasma en la noche')
    const word = current.querySelector('[data-active="true"]')
    expect(word).toHaveTextContent('la')
  })

  it('moves the highlight as time advances', () => {
    const { rerender } = render(<LyricsPanel lines={lines} active={findActiveLyric(lines, 0.2)} />)
    expect(screen.getByRole('listitem', { current: true })).toHaveTextContent('fantasma')
    rerender(<LyricsPanel lines={lines} active={findActiveLyric(lines, 3)} />)
    expect(screen.getByRole('listitem', { current: true })).toHaveTextContent('baila conmigo')
    rerender(<LyricsPanel lines={lines} active={findActiveLyric(lines, 2.2)} />)
    expect(screen.queryByRole('listitem', { current: true })).not.toBeInTheDocument()
  })

  it('seeks to a line when it is clicked', async () => {
    const onSeek = vi.fn()
    render(<LyricsPanel lines={lines} active={findActiveLyric(lines, 0)} onSeek={onSeek} />)
    await userEvent.click(screen.getByRole('button', { name: 'Play from “baila conmigo”' }))
    expect(onSeek).toHaveBeenCalledWith(2.5)
  })

  it('says so when there are no lyrics', () => {
    render(<LyricsPanel lines={[]} active={findActiveLyric([], 0)} />)
    expect(screen.getByText('No lyrics were found in this song.')).toBeInTheDocument()
  })
})
