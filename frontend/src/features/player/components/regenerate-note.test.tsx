import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Job, Video } from '@/api/types'
import { fakeFetch, renderWithClient } from '@/test/render-with-client'
import { RegenerateDialog } from './regenerate-dialog'

const video = {
  id: 'vid', song_id: 'song', title: 'Fantasma', status: 'ready', video_url: '/v.mp4', poster_url: null, duration_sec: 8,
  file_size_bytes: 1, width: 1920, height: 1080, shape: '16:9', fps: 24, is_finalized: false, shareable_url: '/share/t',
  created_at: '', updated_at: '', regenerations_left: { sections: { intro: 1 }, clips: { c1: 1 } },
  sections: [{ id: 'intro', song_id: 'song', index: 0, label: 'Intro', start_time: 0, end_time: 8, prompt_note: '', lyrics: [] }],
  clips: [{ id: 'c1', song_id: 'song', section_id: 'intro', clip_index: 0, start_time: 0, end_time: 8, frame_count: 192,
    prompt: '', status: 'completed', error_message: null, regeneration_count: 0, seed: 1, video_url: null }],
} as unknown as Video
const job: Job = { id: 'job1', kind: 'regenerate_clip', status: 'queued', progress: 0, stage: 'queued', error_message: null,
  song_id: 'song', created_at: '', updated_at: '' } as Job

afterEach(() => vi.unstubAllGlobals())

describe('RegenerateDialog note', () => {
  it('sends what the new version should show', async () => {
    const bodies: unknown[] = []
    const { fetchMock } = fakeFetch({
      'POST /api/videos/vid/regenerate/clip/c1': (init) => {
        bodies.push(init?.body ? JSON.parse(String(init.body)) : null)
        return { status: 202, body: job }
      },
      'GET /api/jobs/job1': () => ({ body: job }),
    })
    vi.stubGlobal('fetch', fetchMock)
    renderWithClient(<RegenerateDialog video={video} time={2} open onClose={vi.fn()} onRegenerated={vi.fn()} />)
    await userEvent.type(screen.getByLabelText('What should it show this time? (optional)'), '  orange fire ')
    await userEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
    await waitFor(() => expect(bodies).toEqual([{ note: 'orange fire' }]))
  })

  it('sends no body without a note', async () => {
    const bodies: unknown[] = []
    const { fetchMock } = fakeFetch({
      'POST /api/videos/vid/regenerate/clip/c1': (init) => {
        bodies.push(init?.body ?? null)
        return { status: 202, body: job }
      },
      'GET /api/jobs/job1': () => ({ body: job }),
    })
    vi.stubGlobal('fetch', fetchMock)
    renderWithClient(<RegenerateDialog video={video} time={2} open onClose={vi.fn()} onRegenerated={vi.fn()} />)
    await userEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
    await waitFor(() => expect(bodies).toEqual([null]))
  })
})
