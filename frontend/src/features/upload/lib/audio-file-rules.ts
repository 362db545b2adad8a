/** What the API accepts; checked here first so a wrong file fails before a long upload. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024
export const MAX_DURATION_SEC = 5 * 60
export const ACCEPTED_EXTENSIONS = ['mp3', 'wav', 'm4a'] as const
export const ACCEPT_ATTRIBUTE = '.mp3,.wav,.m4a,audio/mpeg,audio/wav,audio/x-wav,audio/mp4,audio/x-m4a'

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase()
}

/** Returns a sentence explaining why the file cannot be uploaded, or null when it looks fine. */
export function checkAudioFile(file: { name: string; size: number }): string | null {
  const extension = extensionOf(file.name)
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(extension)) {
    return `“${file.name}” is not an MP3, WAV or M4A file.`
  }
  if (file.size > MAX_UPLOAD_BYTES) return 'That file is larger than 50 MB. Please export a smaller file.'
  if (file.size === 0) return 'That file is empty.'
  return null
}

/** Reads the duration from the file's metadata; resolves null when the browser cannot tell. */
export function readAudioDuration(file: File): Promise<number | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file)
    const audio = new Audio()
    const done = (value: number | null) => {
      URL.revokeObjectURL(url)
      resolve(value)
    }
    audio.preload = 'metadata'
    audio.addEventListener('loadedmetadata', () => done(Number.isFinite(audio.duration) ? audio.duration : null))
    audio.addEventListener('error', () => done(null))
    window.setTimeout(() => done(null), 4000)
    audio.src = url
  })
}
