/**
 * Shapes of the VibeCraft HTTP API, taken from the generated OpenAPI types (./generated/schema.ts,
 * rebuilt by `npm run api:schema`). Only what the schema leaves untyped (lists of plain dicts) is
 * narrowed here.
 */
import type { components } from './generated/schema'

type Schemas = components['schemas']

/** Drops the `[key: string]: unknown` that `additionalProperties: true` adds, so Omit keeps the named fields. */
type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] }

export type Usage = Schemas['Usage']
export type User = Schemas['UserOut']
export type Token = Schemas['TokenOut']
export type Credentials = Schemas['Credentials']
export type Song = Schemas['SongOut']
export type Job = Schemas['JobOut']
export type Clip = Schemas['ClipOut']
export type Estimate = Schemas['EstimateOut']
export type GenerationStatus = Schemas['GenerationStatusOut']
export type PromptInfo = Schemas['PromptOut']
export type PromptUpdate = Schemas['PromptIn']
export type VideoTypeOption = Schemas['VideoTypeOut']
export type SectionDraft = Omit<Schemas['SectionIn'], 'prompt_note'> & { prompt_note?: string }
export type RegenerationsLeft = Schemas['RegenerationsLeft']
export type Share = Schemas['ShareOut']

// Statuses and job kinds are enums in the API's schema (backend/vibecraft/statuses.py): never spelled out here.
export type SongStatus = Schemas['SongStatus']
export type JobStatus = Schemas['JobStatus']
export type JobKind = Schemas['JobKind']
export type ClipStatus = Schemas['ClipStatus']
export type VideoStatus = Schemas['VideoStatus']
export type GenerationStage = Schemas['GenerationStage']

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

export interface GenreScore {
  label: string
  score: number
}

export type Analysis = Omit<Known<Schemas['AnalysisOut']>, 'lyrics' | 'suggested_sections' | 'genre_scores'> & {
  lyrics: LyricLine[]
  suggested_sections: SuggestedSection[]
  genre_scores: GenreScore[]
}

export type Section = Omit<Schemas['SectionOut'], 'lyrics'> & { lyrics: LyricLine[] }

/** GET /api/songs/{id}/lyrics: what the lyrics editor shows. */
export type Lyrics = Omit<Schemas['LyricsOut'], 'lines'> & { lines: LyricLine[] }
export type LyricsSource = 'aligned' | 'transcribed' | 'none'
export type CaptionFormat = 'srt' | 'vtt' | 'lrc'

/** A library entry: GET /api/videos leaves out the sections and clips. */
export type VideoSummary = Omit<Schemas['VideoOut'], 'sections' | 'clips'>

/** GET /api/videos/{id}: the video with the sections and clips it was composed from. */
export type Video = VideoSummary & { sections?: Section[] | null; clips?: Clip[] | null }
