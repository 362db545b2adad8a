import type { GenerationStatus } from '@/api/types'

export type StepState = 'done' | 'active' | 'pending' | 'failed'

export interface GenerationStep {
  id: 'analysis' | 'clips' | 'normalizing' | 'stitching'
  label: string
  state: StepState
}

/**
 * The checklist shown while a video is made. Composition reports 80 → 90 → 95 → 100:
 * below 90 the clips are being normalized, from 90 they are stitched under the audio.
 */
export function generationSteps(status: GenerationStatus): GenerationStep[] {
  const { stage, progress, clips_total, clips_completed } = status
  const finished = stage === 'completed'
  const failed = stage === 'failed'
  const clipsDone = finished || stage === 'composing' || (clips_total > 0 && clips_completed >= clips_total)
  const normalized = finished || (stage === 'composing' && progress >= 90)

  const clipsState: StepState = clipsDone ? 'done' : failed ? 'failed' : 'active'
  const normalizeState: StepState = normalized ? 'done' : failed && clipsDone ? 'failed' : stage === 'composing' ? 'active' : 'pending'
  const stitchState: StepState = finished ? 'done' : failed && normalized ? 'failed' : normalized ? 'active' : 'pending'

  return [
    { id: 'analysis', label: 'Analysis', state: 'done' },
    { id: 'clips', label: `Generating clips · ${clips_completed} of ${clips_total}`, state: clipsState },
    { id: 'normalizing', label: 'Normalizing clips', state: normalizeState },
    { id: 'stitching', label: 'Stitching on the beat', state: stitchState },
  ]
}
