import { renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useStableUrl } from './stable-url'

describe('useStableUrl', () => {
  it('keeps the first signature of the same file', () => {
    const { result, rerender } = renderHook(({ url }) => useStableUrl(url), { initialProps: { url: '/f/a.mp4?expires=1&sig=x' } })
    rerender({ url: '/f/a.mp4?expires=2&sig=y' })
    expect(result.current).toBe('/f/a.mp4?expires=1&sig=x')
  })

  it('takes the new URL when the file changes', () => {
    const { result, rerender } = renderHook(({ url }) => useStableUrl(url), { initialProps: { url: '/f/v0.mp4?sig=x' as string | null } })
    rerender({ url: '/f/v1.mp4?sig=y' })
    expect(result.current).toBe('/f/v1.mp4?sig=y')
    rerender({ url: null })
    expect(result.current).toBeNull()
  })
})
