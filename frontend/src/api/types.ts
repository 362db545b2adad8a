/** Shapes of the VibeCraft HTTP API, typed by hand from docs/api.md. */

export type Uuid = string
export type IsoDateTime = string

export interface Usage {
  videos: number
  videos_limit: number
  storage_bytes: number
  storage_limit_bytes: number
}

export interface User {
  id: Uuid
  email: string
  created_at: IsoDateTime
  usage: Usage
}

export interface Token {
  access_token: string
  token_type: 'bearer'
  user: User
}

export interface Credentials {
  email: string
  password: string
}

export type SongStatus = 'uploaded' | 'analyzing' | 'analyzed' | 'analysis_failed'

export type VideoShape = '16:9' | '9:16' | '1:1'

export interface Song {
  id: Uuid
  title: string
  original_filename: string
  format: string
  duration_sec: number
  file_size_bytes: number
  created_at: IsoDateTime
  status: SongStatus
  analysis_job_id: Uuid | null
  audio_url: string
  video_type: string | null
  shape: VideoShape | string
  prompt: string | null
  has_user_lyrics: boolean
  /** Generation has started, so sections and prompt are fixed. */
  locked: boolean
}

export type JobKind = 'analyze' | 'generate_clip' | 'compose' | 'regenerate'
export type JobStatus = 'queued' | 'processing' | 'completed' | 'failed'

export interface Job {
  id: Uuid
  kind: JobKind | string
  status: JobStatus
  progress: number
  stage: string
  error_message: string | null
  song_id: Uuid | null
  created_at: IsoDateTime
  updated_at: IsoDateTime
}

export interface LyricWord {
  start: number
  end: number
  word: string
}

export interface LyricLine {
  start: number
  end: number
  text: string
  words?: LyricWord[]
}

export interface SuggestedSection {
  label: string
  start_time: number
  end_time: number
}

export interface Analysis {
  song_id: Uuid
  duration_sec: number
  bpm: number
  bpm_alternatives: number[]
  beat_confidence: number
  beat_times: number[]
  downbeat_times: number[]
  time_signature: number
  genre: string
  genre_scores: { label: string; score: number }[]
  mood_primary: string
  mood_tags: string[]
  mood_vector: Record<string, number>
  lyrics_available: boolean
  lyrics_source: 'transcribed' | 'aligned' | 'none'
  lyrics: LyricLine[]
  suggested_video_type: string
  suggested_video_type_reason: string
  suggested_sections: SuggestedSection[]
  waveform: number[]
}

export interface VideoTypeOption {
  id: string
  label: string
}

export interface PromptInfo {
  video_type: string
  video_types: VideoTypeOption[]
  suggested_video_type: string | null
  suggested_video_type_reason: string | null
  shape: string
  shapes: string[]
  prompt: string
  editable: boolean
}

export interface PromptUpdate {
  video_type?: string
  prompt?: string
  shape?: string
}

export interface Section {
  id: Uuid
  song_id: Uuid
  index: number
  label: string
  start_time: number
  end_time: number
  prompt_note: string
  lyrics: LyricLine[]
}

export interface SectionDraft {
  label: string
  start_time: number
  end_time: number
  prompt_note?: string
}

export type ClipStatus = 'planned' | 'generating' | 'completed' | 'failed'

export interface Clip {
  id: Uuid
  song_id: Uuid
  section_id: Uuid
  clip_index: number
  start_time: number
  end_time: number
  frame_count: number
  prompt: string
  status: ClipStatus
  error_message: string | null
  regeneration_count: number
  seed: number
  video_url: string | null
}

export interface Estimate {
  clip_count: number
  total_seconds: number
  estimated_cost_usd: number
  estimated_seconds: number
  provider: string
}

export type GenerationStage = 'idle' | 'generating' | 'composing' | 'completed' | 'failed'

export interface GenerationStatus {
  progress: number
  stage: GenerationStage
  clips_total: number
  clips_completed: number
  clips_failed: number
  video_id: Uuid | null
  error: string | null
}

export interface RegenerationsLeft {
  clips: Record<Uuid, number>
  sections: Record<Uuid, number>
}

export interface VideoSummary {
  id: Uuid
  song_id: Uuid
  title: string
  video_url: string
  poster_url: string | null
  duration_sec: number
  file_size_bytes: number
  width: number
  height: number
  shape: string
  fps: number
  is_finalized: boolean
  shareable_url: string
  created_at: IsoDateTime
  updated_at: IsoDateTime
  regenerations_left: RegenerationsLeft
}

export interface Video extends VideoSummary {
  sections: Section[]
  clips: Clip[]
}

export interface Share {
  title: string
  video_url: string
  poster_url: string | null
  duration_sec: number
  width: number
  height: number
}
