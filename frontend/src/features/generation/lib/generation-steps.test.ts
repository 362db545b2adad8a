import { describe, expect, it } from 'vitest'
import type { GenerationStatus } from '@/api/types'
import { generationSteps } from './generation-steps'

const status = (overrides: Partial<GenerationStatus>): GenerationStatus => ({
  progress: 0, stage: 'generating', clips_total: 10, clips_completed: 0, clips_failed: 0, video_id: null, compose_job_id: null, error: null, ...overrides,
})
const states = (s: GenerationStatus) => generationSteps(s).map((step) => step.state)

describe('generationSteps', () => {
  it('shows clips in progress with their count', () => {
    const steps = generationSteps(status({ progress: 32, clips_completed: 4 }))
    expect(steps[1].label).toBe('Generating clips · 4 of 10')
    expect(steps.map((s) => s.state)).toEqual(['done', 'active', 'pending', 'pending'])
  })

  it('stitches from 80 and saves from 90, as the API reports', () => {
    const at80 = generationSteps(status({ stage: 'composing', progress: 80, clips_completed: 10 }))
    expect(at80.map((s) => s.state)).toEqual(['done', 'done', 'active', 'pending'])
    expect(at80[2].label).toBe('Stitching on the beat')
    expect(states(status({ stage: 'composing', progress: 89, clips_completed: 10 }))).toEqual(['done', 'done', 'active', 'pending'])
    const at90 = generationSteps(status({ stage: 'composing', progress: 90, clips_completed: 10 }))
    expect(at90.map((s) => s.state)).toEqual(['done', 'done', 'done', 'active'])
    expect(at90[3].label).toBe('Saving the video')
    expect(states(status({ stage: 'composing', progress: 95, clips_completed: 10 }))).toEqual(['done', 'done', 'done', 'active'])
  })

  it('marks the composition step that failed', () => {
    expect(states(status({ stage: 'failed', progress: 80, clips_completed: 10 }))).toEqual(['done', 'done', 'failed', 'pending'])
    expect(states(status({ stage: 'failed', progress: 90, clips_completed: 10 }))).toEqual(['done', 'done', 'done', 'failed'])
  })

  it('ticks everything when completed', () => {
    expect(states(status({ stage: 'completed', progress: 100, clips_completed: 10 }))).toEqual(['done', 'done', 'done', 'done'])
  })

  it('marks the failing step', () => {
    expect(states(status({ stage: 'failed', clips_completed: 6, clips_failed: 4 }))).toEqual(['done', 'failed', 'pending', 'pending'])
  })
})
