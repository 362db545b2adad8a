import type { paths } from './generated/schema'

/**
 * Every API route the web app calls, as OpenAPI templates. `satisfies` makes tsc reject a route
 * the backend's schema (./generated/schema.ts) does not have.
 */
export const apiRoutes = {
  register: '/api/auth/register',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/users/me',
  songs: '/api/songs',
  song: '/api/songs/{song_id}',
  analyze: '/api/songs/{song_id}/analyze',
  analysis: '/api/songs/{song_id}/analysis',
  analysisGrid: '/api/songs/{song_id}/analysis/grid',
  analysisTags: '/api/songs/{song_id}/analysis/tags',
  prompt: '/api/songs/{song_id}/prompt',
  sections: '/api/songs/{song_id}/sections',
  section: '/api/songs/{song_id}/sections/{section_id}',
  clips: '/api/songs/{song_id}/clips',
  clipsPlan: '/api/songs/{song_id}/clips/plan',
  clipsEstimate: '/api/songs/{song_id}/clips/estimate',
  clipsGenerate: '/api/songs/{song_id}/clips/generate',
  clipRetry: '/api/songs/{song_id}/clips/{clip_id}/retry',
  generationStatus: '/api/songs/{song_id}/generation/status',
  job: '/api/jobs/{job_id}',
  videos: '/api/videos',
  video: '/api/videos/{video_id}',
  regenerateClip: '/api/videos/{video_id}/regenerate/clip/{clip_id}',
  regenerateSection: '/api/videos/{video_id}/regenerate/section/{section_id}',
  finalize: '/api/videos/{video_id}/finalize',
  videoShare: '/api/videos/{video_id}/share',
  share: '/api/share/{token}',
  passwordReset: '/api/auth/password-reset',
  passwordResetConfirm: '/api/auth/password-reset/confirm',
  timelineOtio: '/api/videos/{video_id}/timeline.{fmt}',
  timelineZip: '/api/videos/{video_id}/timeline.zip',
  lyrics: '/api/songs/{song_id}/lyrics',
  lyricsAlign: '/api/songs/{song_id}/lyrics/align',
  lyricsLines: '/api/songs/{song_id}/lyrics/lines',
  songCaptions: '/api/songs/{song_id}/captions.{fmt}',
  videoCaptions: '/api/videos/{video_id}/captions.{fmt}',
  shareCaptions: '/api/share/{token}/captions.{fmt}',
  promptInterpret: '/api/prompt/interpret',
  media: '/api/songs/{song_id}/media',
  mediaItem: '/api/songs/{song_id}/media/{media_id}',
} as const satisfies Record<string, keyof paths>

export type ApiRoute = (typeof apiRoutes)[keyof typeof apiRoutes]

/** Fills `{name}` placeholders, encoding each value. */
export function buildPath(template: ApiRoute, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${template}`)
    return encodeURIComponent(value)
  })
}
