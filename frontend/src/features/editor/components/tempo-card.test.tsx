import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { Analysis } from '@/api/types'
import { addTap, tapBpm } from '../lib/tempo-correction'
import { TempoCard } from './tempo-card'

function analysis(overrides: Partial<Analysis> = {}): Analysis {
  return {
    song_id: 's', duration_sec: 20, bpm: 120, bpm_alternatives: [60, 240], beat_confidence: 0.9, tempo_confidence: 0.9,
    beat_times: [0.5, 1, 1.5, 2], downbeat_times: [0.5], time_signature: 4, genre: 'pop', genre_scores: [],
    mood_primary: 'happy', mood_tags: [], mood_vector: {}, lyrics_available: false, lyrics_source: 'none', lyrics: [],
    suggested_video_type: 'abstract_visualizer', suggested_video_type_reason: '', suggested_sections: [], waveform: [],
    ...overrides,
  } as Analysis
}

describe('TempoCard', () => {
  it('sends half time, double time, a bar shift and a metre relative to the current correction', async () => {
    const onCorrect = vi.fn()
    render(<TempoCard analysis={analysis()} locked={false} pending={false} error={null} onCorrect={onCorrect} />)
    await userEvent.click(screen.getByRole('button', { name: 'Half time' }))
    expect(onCorrect).toHaveBeenLastCalledWith(expect.objectContaining({ tempo_factor: 0.5 }))
    await userEvent.click(screen.getByRole('button', { name: 'Double time' }))
    expect(onCorrect).toHaveBeenLastCalledWith(expect.objectContaining({ tempo_factor: 2 }))
    await userEvent.click(screen.getByRole('button', { name: 'Shift bar start' }))
    expect(onCorrect).toHaveBeenLastCalledWith(expect.objectContaining({ bar_shift: 1 }))
    await userEvent.click(screen.getByRole('button', { name: '3/4' }))
    expect(onCorrect).toHaveBeenLastCalledWith(expect.objectContaining({ time_signature: 3, bar_shift: 0 }))
  })

  it('halving an already halved tempo is not offered; double time goes back', async () => {
    const onCorrect = vi.fn()
    const halved = analysis({ bpm: 60, grid_correction: { tempo_factor: 0.5, bar_shift: 0 },
      detected_grid: { bpm: 120, bpm_alternatives: [60, 240], time_signature: 4, beat_count: 40, downbeat_count: 10 } })
    render(<TempoCard analysis={halved} locked={false} pending={false} error={null} onCorrect={onCorrect} />)
    expect(screen.getByRole('button', { name: 'Half time' })).toBeDisabled()
    expect(screen.getByTestId('detected-tempo')).toHaveTextContent('Detected 120 BPM')
    await userEvent.click(screen.getByRole('button', { name: 'Double time' }))
    expect(onCorrect).toHaveBeenLastCalledWith(expect.objectContaining({ tempo_factor: 1 }))
  })

  it('says when the tempo is uncertain and offers the alternatives', async () => {
    const onCorrect = vi.fn()
    render(<TempoCard analysis={analysis({ tempo_confidence: 0.4 })} locked={false} pending={false} error={null} onCorrect={onCorrect} />)
    expect(screen.getByRole('status')).toHaveTextContent('Tempo uncertain')
    await userEvent.click(screen.getByRole('button', { name: 'Use 60 BPM' }))
    expect(onCorrect).toHaveBeenLastCalledWith(expect.objectContaining({ tempo_factor: 0.5 }))
  })

  it('offers no corrections once generation has started', () => {
    render(<TempoCard analysis={analysis()} locked pending={false} error={null} onCorrect={vi.fn()} />)
    expect(screen.queryByRole('button', { name: 'Half time' })).toBeNull()
  })
})

describe('tap tempo', () => {
  it('needs four taps, takes the median interval and restarts after a pause', () => {
    let taps: number[] = []
    for (const t of [0, 500, 1000]) taps = addTap(taps, t)
    expect(tapBpm(taps)).toBeNull()
    taps = addTap(taps, 1500)
    expect(tapBpm(taps)).toBe(120)
    expect(addTap(taps, 9000)).toEqual([9000])
  })
})
