import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef } from 'react'
import { beforeEach, describe, expect, it } from 'vitest'
import { VideoPlayer } from './video-player'

/** jsdom has no media engine: give the element a duration and a settable position, as a loaded video has. */
function loadedVideo(duration = 60): HTMLVideoElement {
  const video = screen.getByLabelText('Video: Neon') as HTMLVideoElement
  let position = 0
  Object.defineProperty(video, 'duration', { configurable: true, get: () => duration })
  Object.defineProperty(video, 'currentTime', { configurable: true, get: () => position, set: (t: number) => { position = t } })
  Object.defineProperty(video, 'readyState', { configurable: true, get: () => 1 })
  return video
}

function renderPlayer(props: { startAt?: number } = {}) {
  const ref = createRef<HTMLVideoElement>()
  render(<VideoPlayer videoRef={ref} src="/v.mp4" title="Neon" {...props} />)
  return loadedVideo()
}

beforeEach(() => localStorage.clear())

describe('VideoPlayer', () => {
  it('moves 5 s per arrow key on the seek slider', async () => {
    const video = renderPlayer()
    fireEvent(video, new Event('loadedmetadata'))
    const seek = screen.getByRole('slider', { name: 'Seek' })
    seek.focus()
    await userEvent.keyboard('{ArrowRight}{ArrowRight}')
    expect(video.currentTime).toBe(10)
    await userEvent.keyboard('{ArrowLeft}')
    expect(video.currentTime).toBe(5)
    await userEvent.keyboard('{End}')
    expect(video.currentTime).toBe(60)
  })

  it('mutes, unmutes and keeps the volume for the next visit', async () => {
    const video = renderPlayer()
    await userEvent.click(screen.getByRole('button', { name: 'Mute' }))
    expect(video.muted).toBe(true)
    await userEvent.click(screen.getByRole('button', { name: 'Unmute' }))
    expect(video.muted).toBe(false)
    fireEvent.change(screen.getByRole('slider', { name: 'Volume' }), { target: { value: '0.3' } })
    expect(video.volume).toBeCloseTo(0.3)
    expect(JSON.parse(localStorage.getItem('vibecraft.volume') ?? '{}')).toEqual({ volume: 0.3, muted: false })
  })

  it('opens a new file where the old one was playing', () => {
    const video = renderPlayer({ startAt: 12.5 })
    fireEvent(video, new Event('loadedmetadata'))
    expect(video.currentTime).toBe(12.5)
  })

  it('offers full screen at every width', () => {
    renderPlayer()
    expect(screen.getByRole('button', { name: 'Full screen' }).className).not.toMatch(/\bhidden\b/)
  })
})
