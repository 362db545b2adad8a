import type { Clip, Section, Video } from '@/api/types'

export interface RegenerationTarget {
  section: Section | null
  clip: Clip | null
  sectionsLeft: number
  clipsLeft: number
}

function containing<T extends { start_time: number; end_time: number }>(items: T[], t: number): T | null {
  return items.find((item) => t >= item.start_time && t < item.end_time) ?? items.at(-1) ?? null
}

/** The section and clip under time t, each with how many regenerations it has left. */
export function regenerationTargetAt(video: Pick<Video, 'sections' | 'clips' | 'regenerations_left'>, t: number): RegenerationTarget {
  const section = containing(video.sections ?? [], t)
  const clip = containing(video.clips ?? [], t)
  return {
    section,
    clip,
    sectionsLeft: section ? (video.regenerations_left?.sections?.[section.id] ?? 0) : 0,
    clipsLeft: clip ? (video.regenerations_left?.clips?.[clip.id] ?? 0) : 0,
  }
}
