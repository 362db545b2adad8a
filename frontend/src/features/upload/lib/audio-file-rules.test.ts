import { describe, expect, it } from 'vitest'
import { checkAudioFile, MAX_UPLOAD_BYTES } from './audio-file-rules'

describe('checkAudioFile', () => {
  it('accepts MP3, WAV and M4A up to 50 MB, whatever the case of the extension', () => {
    expect(checkAudioFile({ name: 'song.mp3', size: 1000 })).toBeNull()
    expect(checkAudioFile({ name: 'Song.WAV', size: 1000 })).toBeNull()
    expect(checkAudioFile({ name: 'demo.m4a', size: MAX_UPLOAD_BYTES })).toBeNull()
  })

  it('names what is wrong', () => {
    expect(checkAudioFile({ name: 'cover.png', size: 1000 })).toMatch(/not an MP3, WAV or M4A/)
    expect(checkAudioFile({ name: 'long.wav', size: MAX_UPLOAD_BYTES + 1 })).toMatch(/larger than 50 MB/)
    expect(checkAudioFile({ name: 'empty.mp3', size: 0 })).toMatch(/empty/)
  })
})
