import { describe, expect, it } from 'vitest'
import type { GenerationStatus } from '@/api/types'
import { generationSteps } from './generation-steps'

const status = (overrides: Partial<GenerationStatus>): GenerationStatus => ({
  progress: 0, stage: 'generating', clips_total: 10, clips_completed: 0, clips_failed: 0, video_id: null, error: null, ...overrides,
})
const states = (s: GenerationStatus) => generationSteps(s).map((step) => step.state)

describe('generationSteps', () => {
  it('shows clips in progress with their count', () => {
    const steps = generationSteps(status({ progress: 32, clips_completed: 4 }))
    expect(steps[1].label).toBe('Generating clips · 4 of 10')
    expect(steps.map((s) => s.state)).toEqual(['done', 'active', 'pending', 'pending'])
  })

  it('normalizes from 80 and stitches from 90', () => {
    expect(states(status({ stage: 'composing', progress: 80, clips_completed: 10 }))).toEqual(['done', 'done', 'active', 'pending'])
    expect(states(status({ stage: 'composing', progress: 95, clips_completed: 10 }))).toEqual(['done', 'done', 'done', 'active'])
  })

  it('ticks everything when completed', () => {
    expect(states(status({ stage: 'completed', progress: 100, clips_completed: 10 }))).toEqual(['done', 'done', 'done', 'done'])
  })

  it('marks the failing step', () => {
    expect(states(status({ stage: 'failed', clips_completed: 6, clips_failed: 4 }))).toEqual(['done', 'failed', 'pending', 'pending'])
  })
})
