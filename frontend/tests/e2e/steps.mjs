// Steps of one browser flow build on each other: after the first failure the rest are skipped, not timed out.
import { it } from 'node:test'

/** A `step(name, fn)` for one spec file; `onFailure` saves what the page showed (a screenshot) once a step fails. */
export function chainedSteps(onFailure) {
  let brokenAt = null
  return function step(name, fn) {
    it(name, async (t) => {
      if (brokenAt) return t.skip(`skipped: "${brokenAt}" failed`)
      try {
        await fn()
      } catch (error) {
        brokenAt = name
        await onFailure().catch(() => undefined)
        throw error
      }
    })
  }
}
