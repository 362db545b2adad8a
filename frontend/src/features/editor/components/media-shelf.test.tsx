import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeFetch, renderWithClient } from '@/test/render-with-client'
import { MediaShelf } from './media-shelf'

const photo = {
  id: 'm1', song_id: 's1', section_id: null, kind: 'photo', original_filename: 'band.jpg', format: 'jpg', width: 640,
  height: 427, duration_sec: null, file_size_bytes: 1000, position: 0, url: '/files/m1.jpg', created_at: '',
}
const sections = [
  { id: 'verse', song_id: 's1', index: 0, label: 'Verse', start_time: 0, end_time: 10, prompt_note: '', lyrics: [] },
  { id: 'chorus', song_id: 's1', index: 1, label: 'Chorus', start_time: 10, end_time: 20, prompt_note: '', lyrics: [] },
]

afterEach(() => vi.unstubAllGlobals())

describe('MediaShelf', () => {
  it('lists the shelf and puts an item in the section chosen', async () => {
    const patches: unknown[] = []
    const { fetchMock } = fakeFetch({
      'GET /api/songs/s1/media': () => ({ body: [photo] }),
      'GET /api/songs/s1/sections': () => ({ body: sections }),
      'PATCH /api/songs/s1/media/m1': (init) => {
        patches.push(JSON.parse(String(init?.body)))
        return { body: { ...photo, section_id: 'chorus' } }
      },
    })
    vi.stubGlobal('fetch', fetchMock)
    renderWithClient(<MediaShelf songId="s1" />)
    expect(await screen.findByRole('img', { name: 'band.jpg' })).toBeInTheDocument()
    const select = screen.getByLabelText('Section for band.jpg')
    expect(select).toHaveValue('')
    await screen.findByRole('option', { name: 'Chorus' })
    await userEvent.selectOptions(select, 'chorus')
    await waitFor(() => expect(patches).toEqual([{ section_id: 'chorus' }]))
  })

  it('says the words alone make the video when the shelf is empty, and hides editing when locked', async () => {
    const { fetchMock } = fakeFetch({
      'GET /api/songs/s1/media': () => ({ body: [] }),
      'GET /api/songs/s1/sections': () => ({ body: sections }),
    })
    vi.stubGlobal('fetch', fetchMock)
    renderWithClient(<MediaShelf songId="s1" readOnly />)
    expect(await screen.findByText(/drawn from your words alone/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Add photos or clips' })).not.toBeInTheDocument()
  })
})
