// Correcting the beat grid in the editor: halve the tempo, shift the bar start, and see the section edges
// and the clip plan move onto the new grid. Elements are found by role and label.
// Run with `VC_E2E_SPECS=beat-grid.spec.mjs bash scripts/e2e.sh` from the repository root.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { launchBrowser, openPage } from './browser.mjs'
import { createAccount, freshEmail, uploadSong } from './musician.mjs'
import { chainedSteps } from './steps.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const repoRoot = resolve(here, '..', '..', '..')
const baseUrl = (process.env.VC_BASE_URL ?? 'http://127.0.0.1:8000').replace(/\/$/, '')
// A 30-s ballroom waltz at 84 BPM: short to analyse, four suggested sections, and half time (42 BPM) is still allowed.
const songPath = resolve(repoRoot, '..', 'shared', 'data', 'beats', 'ballroom_waltz_Media-105901.wav')
const screenshotDir = join(repoRoot, 'frontend', 'test-results', 'screenshots')
const MINUTE = 60_000
const ANALYSIS_TIMEOUT = Number(process.env.VC_E2E_ANALYSIS_TIMEOUT_MS ?? 10 * MINUTE)

let browser
let page
let songId
const seen = {}

async function api(path, method = 'GET') {
  return page.evaluate(
    async ([p, m]) => {
      const token = localStorage.getItem('vibecraft.token')
      const response = await fetch(p, { method: m, headers: { Authorization: `Bearer ${token}` } })
      return { status: response.status, body: await response.json().catch(() => null) }
    },
    [path, method],
  )
}

/** Section edges, the grid and the clip plan as the API has them now. */
async function snapshot() {
  const [analysis, sections, clips] = await Promise.all([
    api(`/api/songs/${songId}/analysis`),
    api(`/api/songs/${songId}/sections`),
    api(`/api/songs/${songId}/clips`),
  ])
  return {
    analysis: analysis.body,
    edges: sections.body.slice(1).map((s) => s.start_time),
    clips: clips.body,
  }
}

/** Every clip starts and ends on a beat of `grid` (or the song's ends), and each section edge is a clip edge. */
function assertPlanOnGrid(state) {
  const beats = new Set([0, state.analysis.duration_sec, ...state.analysis.beat_times])
  assert.ok(state.clips.length > 0, 'a clip plan exists')
  for (const clip of state.clips) {
    assert.ok(beats.has(clip.start_time), `clip ${clip.clip_index} starts at ${clip.start_time}, not on the grid`)
  }
  for (const edge of state.edges) {
    assert.ok(state.clips.some((c) => Math.abs(c.start_time - edge) < 1e-6), `no clip starts at the section edge ${edge}`)
  }
}

/** The editor's "Section N:" items show "m:ss.s – m:ss.s · n s"; returns each inner edge as shown, in seconds. */
async function shownEdges() {
  const items = page.getByRole('listitem', { name: /^Section \d+:/ })
  const edges = []
  for (let n = 2; n <= (await items.count()); n++) {
    const range = page.getByRole('listitem', { name: new RegExp(`^Section ${n}:`) }).getByText(/^\d+:\d+\.\d – /)
    const m = (await range.textContent()).match(/^(\d+):(\d+\.\d) – /)
    edges.push(Number(m[1]) * 60 + Number(m[2]))
  }
  return edges
}

async function waitUntil(check, what, timeout = 30_000) {
  const end = Date.now() + timeout
  while (Date.now() < end) {
    if (await check()) return
    await page.waitForTimeout(250)
  }
  assert.fail(`timed out: ${typeof what === 'function' ? what() : what}`)
}

async function tempoShown() {
  return Number((await page.getByTestId('tempo-value').textContent()).match(/^\d+/)[0])
}

const step = chainedSteps(() => page.screenshot({ path: join(screenshotDir, 'beat-grid-FAILED.png'), fullPage: true }))

describe('Beat grid correction', { timeout: 20 * MINUTE }, () => {
  before(async () => {
    assert.ok(existsSync(songPath), `song not found at ${songPath}`)
    mkdirSync(screenshotDir, { recursive: true })
    browser = await launchBrowser()
    const opened = await openPage(browser, { baseURL: baseUrl, viewport: { width: 1280, height: 900 } })
    page = opened.page
  })

  after(async () => {
    await browser?.close()
  })

  step('registers, uploads a song and opens the editor', async () => {
    await page.goto('/register')
    await createAccount(page, freshEmail('grid'), 'night-studio-42')
    songId = await uploadSong(page, songPath)
    await page.waitForURL(/\/songs\/[^/]+\/edit/, { timeout: ANALYSIS_TIMEOUT })
    // A fresh load of the editor: other test runs on this machine may rebuild the web app's chunks meanwhile.
    await page.goto(page.url())
    await page.getByRole('heading', { name: 'Sections', exact: true }).waitFor({ timeout: MINUTE })
    await page.getByRole('region', { name: 'Tempo and bars' }).waitFor()
  })

  step('plans clips on the detected grid (approve, then cancel at the estimate)', async () => {
    await page.getByRole('button', { name: 'Approve & Generate' }).click()
    const dialog = page.getByRole('dialog', { name: 'Generate your video?' })
    await dialog.waitFor({ timeout: 2 * MINUTE })
    await dialog.getByRole('button', { name: 'Keep editing' }).click()
    await dialog.waitFor({ state: 'hidden' })
    seen.detected = await snapshot()
    assert.ok(seen.detected.edges.length >= 1, 'the song has at least two sections')
    assertPlanOnGrid(seen.detected)
  })

  step('halving the tempo moves the grid, the sections and the clip plan', async () => {
    const before = seen.detected
    const bpmBefore = await tempoShown()
    await page.getByRole('button', { name: 'Half time' }).click()
    await page.getByTestId('detected-tempo').waitFor()
    await page.waitForFunction((b) => {
      const text = document.querySelector('[data-testid="tempo-value"]')?.textContent ?? ''
      return Number(text.match(/^\d+/)?.[0]) < b * 0.6
    }, bpmBefore)
    const after = await snapshot()
    assert.ok(Math.abs(after.analysis.bpm - before.analysis.bpm / 2) < 0.05 * before.analysis.bpm, `half of ${before.analysis.bpm} is not ${after.analysis.bpm}`)
    assert.ok(after.analysis.beat_times.length < 0.6 * before.analysis.beat_times.length)
    const downbeats = new Set(after.analysis.downbeat_times)
    for (const edge of after.edges) assert.ok(downbeats.has(edge), `section edge ${edge} is not a bar start of the new grid`)
    assert.notDeepEqual(after.clips.map((c) => c.id), before.clips.map((c) => c.id), 'the clip plan was made again')
    assertPlanOnGrid(after)
    seen.half = after
  })

  step('shifting the bar start moves the section edges onto the new bar starts', async () => {
    const before = seen.half
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/analysis/grid') && r.request().method() === 'PUT'),
      page.getByRole('button', { name: 'Shift bar start' }).click(),
    ])
    const after = await snapshot()
    assert.deepEqual(after.analysis.beat_times, before.analysis.beat_times, 'a bar shift keeps the beats')
    assert.notDeepEqual(after.analysis.downbeat_times, before.analysis.downbeat_times, 'the bar starts moved')
    const downbeats = new Set(after.analysis.downbeat_times)
    for (const edge of after.edges) assert.ok(downbeats.has(edge), `section edge ${edge} is not a bar start of the new grid`)
    assert.notDeepEqual(after.edges, before.edges, 'the section edges moved with the bars')
    assertPlanOnGrid(after)
    // The editor shows the moved edges (to a tenth of a second) once it has read the sections back.
    let shown = []
    await waitUntil(async () => {
      shown = await shownEdges()
      return shown.length === after.edges.length && shown.every((t, i) => Math.abs(t - after.edges[i]) <= 0.11)
    }, () => `the editor shows the moved section edges (shows ${shown.join(', ')}; the API has ${after.edges.join(', ')}, had ${before.edges.join(', ')})`)
    await page.screenshot({ path: join(screenshotDir, 'beat-grid-corrected.png'), fullPage: true })
  })
})
