// Media for the mocked API: a video and poster made on the spot with ffmpeg (nothing binary in the repo).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

export function makeMedia(dir) {
  mkdirSync(dir, { recursive: true })
  const videoFile = join(dir, 'neon.mp4')
  const posterFile = join(dir, 'poster.jpg')
  if (!existsSync(videoFile)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'gradients=s=640x360:c0=0x2b1d8f:c1=0xff7efa:c2=0x00e1d9:n=3:speed=0.03:r=12:d=212', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', videoFile])
  }
  if (!existsSync(posterFile)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '20', '-i', videoFile, '-frames:v', '1', posterFile])
  }
  return { videoFile, posterFile }
}
