import { describe, expect, it } from 'vitest'
import { formatWaitRange } from './format'

describe('formatWaitRange', () => {
  it('shows the measured range with one unit when both ends share it', () => {
    expect(formatWaitRange({ estimated_seconds: 180, estimated_seconds_low: 120, estimated_seconds_high: 240 })).toBe('2–4 min')
  })
  it('keeps both units when they differ', () => {
    expect(formatWaitRange({ estimated_seconds: 60, estimated_seconds_low: 40, estimated_seconds_high: 150 })).toBe('40 s–3 min')
  })
  it('collapses a range that rounds to one figure', () => {
    expect(formatWaitRange({ estimated_seconds: 125, estimated_seconds_low: 121, estimated_seconds_high: 129 })).toBe('~2 min')
  })
  it('falls back to the single estimate without a range', () => {
    expect(formatWaitRange({ estimated_seconds: 90 })).toBe('~2 min')
  })
})
