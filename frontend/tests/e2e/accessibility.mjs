// Runs axe-core (WCAG 2 A/AA rules: contrast, names of controls, landmarks …) on the current page.
// Evaluated through the DevTools protocol, so the app's Content-Security-Policy stays in force.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The page's axe violations of WCAG 2.x A and AA, as "rule: target" lines. */
export async function accessibilityViolations(page) {
  // Only the web app is judged here, not a bare JSON answer the browser happens to show.
  if (!(await page.evaluate(() => document.getElementById('root') !== null))) return []
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`) }))
  })
  return violations.flatMap((v) => v.targets.map((t) => `${v.id} (${v.help}): ${t}`))
}
