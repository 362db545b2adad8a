import { describe, expect, it } from 'vitest'
import { ROUND_STEP_LABELS, roundStep } from './milestones'

describe('roundStep', () => {
  it('names the milestones the API reports', () => {
    expect([0, 79, 80, 89, 90, 95, 99, 100].map((p) => roundStep(p))).toEqual([
      'clips', 'clips', 'stitching', 'stitching', 'saving', 'saving', 'saving', 'done',
    ])
    expect(roundStep(40, true)).toBe('done')
    expect(ROUND_STEP_LABELS[roundStep(85)]).toBe('Stitching on the beat')
  })
})
