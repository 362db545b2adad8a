import { describe, expect, it } from 'vitest'
import { createBeatGrid, nearestIndex } from './beat-grid'
import { adjacentBeat, snapToBeat } from './snapping'
import { steadyGrid } from './test-grid'

describe('nearestIndex', () => {
  it('finds the closest value in a sorted list', () => {
    expect(nearestIndex([0, 1, 2, 3], 1.4)).toBe(1)
    expect(nearestIndex([0, 1, 2, 3], 1.6)).toBe(2)
    expect(nearestIndex([0, 1, 2, 3], -5)).toBe(0)
    expect(nearestIndex([0, 1, 2, 3], 99)).toBe(3)
  })

  it('returns -1 for an empty list', () => {
    expect(nearestIndex([], 1)).toBe(-1)
  })
})

describe('snapToBeat', () => {
  const grid = steadyGrid()

  it('snaps to the nearest downbeat when one is within half a beat', () => {
    // Downbeats every 2 s; 4.2 is 0.2 s from the downbeat at 4 (half a beat is 0.25 s).
    expect(snapToBeat(4.2, grid)).toBe(4)
    expect(snapToBeat(3.8, grid)).toBe(4)
  })

  it('snaps to the nearest beat when no downbeat is close', () => {
    expect(snapToBeat(5.1, grid)).toBe(5)
    expect(snapToBeat(5.4, grid)).toBe(5.5)
    expect(snapToBeat(4.7, grid)).toBe(4.5)
  })

  it('prefers the downbeat over a nearer beat only within half a beat', () => {
    // 4.3 is nearest the beat at 4.5 (0.2) but 0.3 from the downbeat at 4: beyond half a beat.
    expect(snapToBeat(4.3, grid)).toBe(4.5)
  })

  it('leaves time unchanged when no beats were detected', () => {
    const empty = createBeatGrid([], [], 30, 100)
    expect(snapToBeat(7.77, empty)).toBe(7.77)
  })

  it('works on an uneven grid', () => {
    const uneven = createBeatGrid([0, 0.48, 1.01, 1.52, 2.0, 2.47], [0, 2.0], 3, 120)
    expect(snapToBeat(1.3, uneven)).toBe(1.52)
    expect(snapToBeat(1.8, uneven)).toBe(2.0)
  })
})

describe('adjacentBeat', () => {
  const grid = steadyGrid()

  it('finds the next and previous beats', () => {
    expect(adjacentBeat(4, 1, grid)).toBe(4.5)
    expect(adjacentBeat(4, -1, grid)).toBe(3.5)
    expect(adjacentBeat(4.2, 1, grid)).toBe(4.5)
  })

  it('returns null past either end', () => {
    expect(adjacentBeat(0, -1, grid)).toBeNull()
    expect(adjacentBeat(59.5, 1, grid)).toBeNull()
  })
})
