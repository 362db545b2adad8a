import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Clip, Job, Section, Video } from '@/api/types'
import { fakeFetch, renderWithClient } from '@/test/render-with-client'
import { RegenerateDialog } from './regenerate-dialog'

const section = (id: string, label: string, start: number, end: number): Section => ({
  id, song_id: 'song', index: 0, label, start_time: start, end_time: end, prompt_note: '', lyrics: [],
})
const clip = (id: string, sectionId: string, start: number, end: number): Clip => ({
  id, song_id: 'song', section_id: sectionId, clip_index: 0, start_time: start, end_time: end, frame_count: 0,
  prompt: '', status: 'completed', error_message: null, regeneration_count: 0, seed: 1, video_url: null,
})

function makeVideo(left: { sections: Record<string, number>; clips: Record<string, number> }): Video {
  return {
    id: 'vid', song_id: 'song', title: 'Fantasma', status: 'ready', video_url: '/v.mp4', poster_url: null, duration_sec: 20,
    file_size_bytes: 1, width: 1920, height: 1080, shape: '16:9', fps: 24, is_finalized: false,
    shareable_url: '/share/t', created_at: '', updated_at: '',
    regenerations_left: left,
    sections: [section('intro', 'Intro', 0, 8), section('chorus', 'Chorus', 8, 20)],
    clips: [clip('c1', 'intro', 0, 4), clip('c2', 'intro', 4, 8), clip('c3', 'chorus', 8, 14), clip('c4', 'chorus', 14, 20)],
  }
}

const job = (status: Job['status'], progress: number): Job => ({
  id: 'job1', kind: 'regenerate_clip', status, progress, stage: 'generating', error_message: null, song_id: 'song', created_at: '', updated_at: '',
})

afterEach(() => vi.unstubAllGlobals())

describe('RegenerateDialog', () => {
  it('offers the section and clip under the paused time with their remaining counts', () => {
    renderWithClient(<RegenerateDialog video={makeVideo({ sections: { intro: 1, chorus: 1 }, clips: { c2: 1 } })} time={5} open onClose={vi.fn()} onRegenerated={vi.fn()} />)
    expect(screen.getByRole('radio', { name: 'Entire section (1 regeneration left)' })).toBeEnabled()
    expect(screen.getByRole('radio', { name: 'Just this clip (1 regeneration left)' })).toBeEnabled()
    expect(screen.getByText(/“Intro”/)).toBeInTheDocument()
    expect(screen.getByText(/Clip 2 ·/)).toBeInTheDocument()
  })

  it('disables an option with no regenerations left', () => {
    renderWithClient(<RegenerateDialog video={makeVideo({ sections: { chorus: 0 }, clips: { c3: 1 } })} time={9} open onClose={vi.fn()} onRegenerated={vi.fn()} />)
    expect(screen.getByRole('radio', { name: 'Entire section (0 regenerations left)' })).toBeDisabled()
    expect(screen.getByRole('radio', { name: 'Just this clip (1 regeneration left)' })).toBeChecked()
  })

  it('disables Regenerate when nothing is left', () => {
    renderWithClient(<RegenerateDialog video={makeVideo({ sections: { chorus: 0 }, clips: { c3: 0 } })} time={9} open onClose={vi.fn()} onRegenerated={vi.fn()} />)
    expect(screen.getByRole('button', { name: 'Regenerate' })).toBeDisabled()
  })

  it('regenerates the clip, follows the job, then reports the new video', async () => {
    let polls = 0
    const { fetchMock, calls } = fakeFetch({
      'POST /api/videos/vid/regenerate/clip/c2': () => ({ status: 202, body: job('queued', 0) }),
      'GET /api/jobs/job1': () => ({ body: ++polls < 2 ? job('processing', 40) : job('completed', 100) }),
    })
    vi.stubGlobal('fetch', fetchMock)
    const onRegenerated = vi.fn()
    renderWithClient(<RegenerateDialog video={makeVideo({ sections: { intro: 1 }, clips: { c2: 1 } })} time={5} open onClose={vi.fn()} onRegenerated={onRegenerated} />)

    await userEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
    expect(await screen.findByRole('progressbar')).toBeInTheDocument()
    await waitFor(() => expect(onRegenerated).toHaveBeenCalledTimes(1), { timeout: 4000 })
    expect(calls[0]).toEqual({ method: 'POST', url: '/api/videos/vid/regenerate/clip/c2' })
    expect(screen.getByText(/the updated video is loaded/)).toBeInTheDocument()
  })

  it('names the progress of a round as the generation checklist does', async () => {
    let progress = 40
    const { fetchMock } = fakeFetch({
      'POST /api/videos/vid/regenerate/clip/c2': () => ({ status: 202, body: job('queued', 0) }),
      'GET /api/jobs/job1': () => ({ body: job('processing', progress) }),
    })
    vi.stubGlobal('fetch', fetchMock)
    renderWithClient(<RegenerateDialog video={makeVideo({ sections: { intro: 1 }, clips: { c2: 1 } })} time={5} open onClose={vi.fn()} onRegenerated={vi.fn()} />)
    await userEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
    expect(await screen.findByText('Generating clips')).toBeInTheDocument()
    progress = 85
    expect(await screen.findByText('Stitching on the beat', {}, { timeout: 4000 })).toBeInTheDocument()
    progress = 95
    expect(await screen.findByText('Saving the video', {}, { timeout: 4000 })).toBeInTheDocument()
  })

  it('regenerates the whole section when chosen', async () => {
    const { fetchMock, calls } = fakeFetch({
      'POST /api/videos/vid/regenerate/section/chorus': () => ({ status: 202, body: job('queued', 0) }),
      'GET /api/jobs/job1': () => ({ body: job('completed', 100) }),
    })
    vi.stubGlobal('fetch', fetchMock)
    renderWithClient(<RegenerateDialog video={makeVideo({ sections: { chorus: 1 }, clips: { c4: 1 } })} time={15} open onClose={vi.fn()} onRegenerated={vi.fn()} />)
    await userEvent.click(screen.getByRole('radio', { name: /Entire section/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
    await waitFor(() => expect(calls[0]).toEqual({ method: 'POST', url: '/api/videos/vid/regenerate/section/chorus' }))
  })

  it('shows the API’s refusal', async () => {
    const { fetchMock } = fakeFetch({
      'POST /api/videos/vid/regenerate/clip/c2': () => ({ status: 409, body: { detail: 'This clip was already regenerated.' } }),
    })
    vi.stubGlobal('fetch', fetchMock)
    renderWithClient(<RegenerateDialog video={makeVideo({ sections: {}, clips: { c2: 1 } })} time={5} open onClose={vi.fn()} onRegenerated={vi.fn()} />)
    await userEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
    expect(await screen.findByText('This clip was already regenerated.')).toBeInTheDocument()
  })
})
