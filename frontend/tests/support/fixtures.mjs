// Fixture API answers for the design screenshots. Shapes follow docs/api.md; the content is made up.
const DURATION = 212.4
const BPM = 118
const beatLength = 60 / BPM
const firstBeat = 0.32

export const beatTimes = []
for (let t = firstBeat; t < DURATION; t += beatLength) beatTimes.push(Math.round(t * 1000) / 1000)
export const downbeatTimes = beatTimes.filter((_, i) => i % 4 === 0)

/** A plausible loudness envelope: quiet intro, verses, loud choruses, fade out. */
export const waveform = Array.from({ length: 1200 }, (_, i) => {
  const t = (i / 1200) * DURATION
  const section = t < 16 ? 0.35 : t < 60 ? 0.6 : t < 92 ? 0.9 : t < 140 ? 0.62 : t < 188 ? 0.95 : 0.45 * (1 - (t - 188) / 30)
  const pulse = 0.55 + 0.45 * Math.abs(Math.sin((t / beatLength) * Math.PI))
  const grain = 0.75 + 0.25 * Math.sin(i * 12.9898) ** 2
  return Math.max(0.02, Math.min(1, section * pulse * grain))
})

const lyricText = [
  [18.2, 'city lights are humming low'],
  [22.4, 'every window knows my name'],
  [27.1, 'I keep dancing with the echo'],
  [31.6, 'till the night remembers me'],
  [61.0, 'turn it up and let it glow'],
  [65.3, 'we are made of neon rain'],
  [69.8, 'hold the beat and never let go'],
  [95.2, 'footsteps on an empty street'],
  [99.6, 'counting colours in the dark'],
  [142.0, 'turn it up and let it glow'],
  [146.3, 'we are made of neon rain'],
]
export const lyrics = lyricText.map(([start, text]) => {
  const words = text.split(' ')
  const step = 3.6 / words.length
  return {
    start,
    end: Math.round((start + 3.8) * 100) / 100,
    text,
    words: words.map((word, i) => ({ start: Math.round((start + i * step) * 100) / 100, end: Math.round((start + (i + 0.9) * step) * 100) / 100, word })),
  }
})

const nearestDownbeat = (t) => downbeatTimes.reduce((best, d) => (Math.abs(d - t) < Math.abs(best - t) ? d : best), downbeatTimes[0])
const suggestedBounds = [0, 16, 60, 92, 140, 188, DURATION]
const suggestedLabels = ['Intro', 'Verse 1', 'Chorus', 'Verse 2', 'Chorus 2', 'Outro']
export const suggestedSections = suggestedLabels.map((label, i) => ({
  label,
  start_time: i === 0 ? 0 : nearestDownbeat(suggestedBounds[i]),
  end_time: i === suggestedLabels.length - 1 ? DURATION : nearestDownbeat(suggestedBounds[i + 1]),
}))

export const SONG_ID = '5f1c7a2e-0000-4000-8000-000000000001'
export const VIDEO_ID = '9a0b1c2d-0000-4000-8000-000000000002'
export const JOB_ID = 'c0ffee00-0000-4000-8000-000000000003'
export const SHARE_TOKEN = 'neon-rain-7Qx2'

export const user = {
  id: 'u-1',
  email: 'maya@lowlight.records',
  created_at: '2026-11-01T10:00:00Z',
  usage: { videos: 4, videos_limit: 15, storage_bytes: 1.82 * 1024 ** 3, storage_limit_bytes: 5 * 1024 ** 3 },
}

export const song = {
  id: SONG_ID,
  title: 'Neon Rain',
  original_filename: 'neon-rain-master.mp3',
  format: 'mp3',
  duration_sec: DURATION,
  file_size_bytes: 8_400_000,
  created_at: '2026-11-20T18:00:00Z',
  status: 'analyzed',
  analysis_job_id: JOB_ID,
  audio_url: '/api/files/songs/neon-rain.mp3?expires=1&sig=x',
  video_type: 'mood_environment',
  shape: '16:9',
  prompt: 'A rain-soaked city at night, neon reflections, slow drifting camera, cinematic haze',
  has_user_lyrics: false,
  locked: false,
}

export const analysis = {
  song_id: SONG_ID,
  duration_sec: DURATION,
  bpm: BPM,
  bpm_alternatives: [59, 236],
  beat_confidence: 0.91,
  beat_times: beatTimes,
  downbeat_times: downbeatTimes,
  time_signature: 4,
  genre: 'synthwave',
  genre_scores: [
    { label: 'synthwave', score: 0.82 },
    { label: 'electronic', score: 0.11 },
  ],
  mood_primary: 'nostalgic',
  mood_tags: ['dreamy', 'driving', 'nocturnal'],
  mood_vector: { energy: 0.71, valence: 0.48, danceability: 0.66, tension: 0.35 },
  lyrics_available: true,
  lyrics_source: 'transcribed',
  lyrics,
  suggested_video_type: 'mood_environment',
  suggested_video_type_reason: 'Mid-tempo synthwave with a nostalgic, nocturnal mood suits slowly evolving scenes.',
  suggested_sections: suggestedSections,
  waveform,
}

export const promptInfo = {
  video_type: 'mood_environment',
  video_types: [
    { id: 'abstract_visualizer', label: 'Abstract Visualizer' },
    { id: 'mood_environment', label: 'Mood Environment' },
    { id: 'lyric_video', label: 'Lyric Video' },
    { id: 'custom', label: 'Custom' },
  ],
  suggested_video_type: 'mood_environment',
  suggested_video_type_reason: analysis.suggested_video_type_reason,
  shape: '16:9',
  shapes: ['16:9', '9:16', '1:1'],
  prompt: song.prompt,
  editable: true,
}

const linesIn = (start, end) => lyrics.filter((l) => l.start < end && l.end > start)
export const sections = suggestedSections.map((s, index) => ({
  id: `sec-${index + 1}`,
  song_id: SONG_ID,
  index,
  label: s.label,
  start_time: s.start_time,
  end_time: s.end_time,
  prompt_note: index === 2 ? 'explosion of magenta light on the drop' : '',
  lyrics: linesIn(s.start_time, s.end_time),
}))

/** Clips of whole bars, about 8 s each, filling every section exactly. */
export function makeClips(statusFor = () => 'completed', videoUrl = null) {
  const clips = []
  for (const section of sections) {
    let start = section.start_time
    while (start < section.end_time - 0.01) {
      const end = Math.min(section.end_time, nearestDownbeat(start + 8) > start + 2 ? nearestDownbeat(start + 8) : section.end_time)
      const index = clips.length
      const status = statusFor(index)
      clips.push({
        id: `clip-${index + 1}`,
        song_id: SONG_ID,
        section_id: section.id,
        clip_index: index,
        start_time: start,
        end_time: end,
        frame_count: Math.round(end * 24) - Math.round(start * 24),
        prompt: `${section.label}: ${song.prompt}`,
        status,
        error_message: status === 'failed' ? 'The video model timed out. Retry this clip.' : null,
        regeneration_count: 0,
        seed: 1000 + index,
        video_url: status === 'completed' ? videoUrl : null,
      })
      start = end
    }
  }
  return clips
}

export const estimate = { clip_count: makeClips().length, total_seconds: DURATION, estimated_cost_usd: 2.76, estimated_seconds: 540, provider: 'local renderer' }

export function video({ finalized = false, videoUrl, posterUrl }) {
  const clips = makeClips(() => 'completed', videoUrl)
  return {
    id: VIDEO_ID,
    song_id: SONG_ID,
    title: 'Neon Rain',
    video_url: videoUrl,
    poster_url: posterUrl,
    duration_sec: DURATION,
    file_size_bytes: 148_000_000,
    width: 1920,
    height: 1080,
    shape: '16:9',
    fps: 24,
    is_finalized: finalized,
    shareable_url: `/share/${SHARE_TOKEN}`,
    created_at: '2026-11-21T09:30:00Z',
    updated_at: '2026-11-21T09:30:00Z',
    regenerations_left: {
      clips: Object.fromEntries(clips.map((c, i) => [c.id, i === 1 ? 0 : 1])),
      sections: Object.fromEntries(sections.map((s) => [s.id, 1])),
    },
    sections,
    clips,
  }
}

export function libraryVideos(posterUrl, videoUrl) {
  const base = { ...video({ videoUrl, posterUrl }) }
  delete base.sections
  delete base.clips
  return [
    { ...base, is_finalized: true },
    { ...base, id: 'v-2', song_id: 's-2', title: 'Glass Harbour', duration_sec: 187.2, shape: '9:16', is_finalized: false, created_at: '2026-11-18T12:00:00Z' },
    { ...base, id: 'v-3', song_id: 's-3', title: 'Slow Burn (Club Edit)', duration_sec: 244.9, shape: '1:1', is_finalized: true, created_at: '2026-11-10T12:00:00Z', poster_url: null },
    { ...base, id: 'v-4', song_id: 's-4', title: 'Afterglow', duration_sec: 176.0, is_finalized: true, created_at: '2026-11-02T12:00:00Z' },
  ]
}

export const job = (stage, progress, status = 'processing') => ({
  id: JOB_ID,
  kind: 'analyze',
  status,
  progress,
  stage,
  error_message: null,
  song_id: SONG_ID,
  created_at: '2026-11-20T18:00:00Z',
  updated_at: '2026-11-20T18:01:00Z',
})
