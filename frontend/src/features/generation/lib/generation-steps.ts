import { ROUND_STEP_LABELS, STITCHED_AT } from '@/api/milestones'
import type { GenerationStatus } from '@/api/types'

export type StepState = 'done' | 'active' | 'pending' | 'failed'

export interface GenerationStep {
  id: 'analysis' | 'clips' | 'stitching' | 'saving'
  label: string
  state: StepState
}

/**
 * The checklist shown while a video is made (milestones in @/api/milestones): each clip is generated and
 * normalized by its own job (0–80), then the clips are stitched on the beat and checked (80–89), then the
 * checked video is stored and published (90–99).
 */
export function generationSteps(status: GenerationStatus): GenerationStep[] {
  const { stage, progress, clips_total, clips_completed } = status
  const finished = stage === 'completed'
  const failed = stage === 'failed'
  const clipsDone = finished || stage === 'composing' || (clips_total > 0 && clips_completed >= clips_total)
  const stitched = finished || ((stage === 'composing' || failed) && clipsDone && progress >= STITCHED_AT)

  const clipsState: StepState = clipsDone ? 'done' : failed ? 'failed' : 'active'
  const stitchState: StepState = stitched ? 'done' : failed && clipsDone ? 'failed' : stage === 'composing' ? 'active' : 'pending'
  const saveState: StepState = finished ? 'done' : failed && stitched ? 'failed' : stitched ? 'active' : 'pending'

  return [
    { id: 'analysis', label: 'Analysis', state: 'done' },
    { id: 'clips', label: `${ROUND_STEP_LABELS.clips} · ${clips_completed} of ${clips_total}`, state: clipsState },
    { id: 'stitching', label: ROUND_STEP_LABELS.stitching, state: stitchState },
    { id: 'saving', label: ROUND_STEP_LABELS.saving, state: saveState },
  ]
}
