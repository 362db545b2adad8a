/**
 * What a generation round's progress numbers mean, as backend/vibecraft/milestones.py sets them and
 * docs/api.md lists them. The generation checklist and the regeneration dialog both name progress
 * through roundStep(), so the two never disagree about what is happening.
 */

/** Clips (each generated and normalized by its own job) fill 0–80 %. */
export const CLIPS_SHARE = 80
/** From 80 the clips are joined on the beat under the song and checked; at 90 that check passed. */
export const STITCHED_AT = 90

export type RoundStep = 'clips' | 'stitching' | 'saving' | 'done'

export const ROUND_STEP_LABELS: Record<RoundStep, string> = {
  clips: 'Generating clips',
  stitching: 'Stitching on the beat',
  saving: 'Saving the video',
  done: 'Video ready',
}

/** The step a round is in at this progress: 0–79 clips, 80–89 stitching, 90–99 storing and publishing. */
export function roundStep(progress: number, finished = false): RoundStep {
  if (finished || progress >= 100) return 'done'
  if (progress >= STITCHED_AT) return 'saving'
  if (progress >= CLIPS_SHARE) return 'stitching'
  return 'clips'
}
