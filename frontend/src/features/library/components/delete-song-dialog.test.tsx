import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Song, VideoSummary } from '@/api/types'
import { fakeFetch, renderWithClient } from '@/test/render-with-client'
import { DeleteSongDialog } from './delete-song-dialog'

const song = { id: 'song1', title: 'Fantasma' } as Song
const video = (id: string, title: string, finalized = false) => ({ id, song_id: 'song1', title, is_finalized: finalized }) as VideoSummary

afterEach(() => vi.unstubAllGlobals())

describe('DeleteSongDialog', () => {
  it('names every video that goes with the song, then deletes it', async () => {
    const { fetchMock, calls } = fakeFetch({ 'DELETE /api/songs/song1': () => ({ status: 204 }) })
    vi.stubGlobal('fetch', fetchMock)
    const onClose = vi.fn()
    renderWithClient(<DeleteSongDialog song={song} videos={[video('v1', 'Fantasma'), video('v2', 'Fantasma (night)', true)]} onClose={onClose} />)
    expect(screen.getByRole('dialog', { name: 'Delete the song “Fantasma”?' })).toBeInTheDocument()
    expect(screen.getByText('These videos go with it:')).toBeInTheDocument()
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Fantasma', 'Fantasma (night) (finalized)'])
    await userEvent.click(screen.getByRole('button', { name: 'Delete song and 2 videos' }))
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(calls).toEqual([{ method: 'DELETE', url: '/api/songs/song1' }])
  })

  it('shows the API’s reason when the song cannot be deleted yet', async () => {
    const detail = 'A video of this song is being generated; wait for it to finish, then delete the song.'
    vi.stubGlobal('fetch', fakeFetch({ 'DELETE /api/songs/song1': () => ({ status: 409, body: { detail } }) }).fetchMock)
    renderWithClient(<DeleteSongDialog song={song} videos={[]} onClose={vi.fn()} />)
    await userEvent.click(screen.getByRole('button', { name: 'Delete song' }))
    expect(await screen.findByText(detail)).toBeInTheDocument()
  })
})
