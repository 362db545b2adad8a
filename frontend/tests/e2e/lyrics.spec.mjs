// Lyrics the musician controls: paste the words at upload, see each line on the waveform, fix a word and align
// again (its own job with progress), nudge a line and save it, then find the words in the player as the
// browser's own captions (a WebVTT track) and as downloadable caption files. Elements are found by role and label.
// Run with `VC_E2E_SPECS=lyrics.spec.mjs bash scripts/e2e.sh` from the repository root.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { accessibilityViolations } from './accessibility.mjs'
import { launchBrowser, openPage } from './browser.mjs'
import { createAccount, freshEmail, generateAndWatch, uploadSong } from './musician.mjs'
import { chainedSteps } from './steps.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const repoRoot = resolve(here, '..', '..', '..')
const baseUrl = (process.env.VC_BASE_URL ?? 'http://127.0.0.1:8000').replace(/\/$/, '')
const sourceSong = resolve(repoRoot, '..', 'shared', 'data', 'lyrics', 'Confession_-_Quesabe.mp3')
const resultShots = join(repoRoot, 'frontend', 'test-results', 'screenshots')
// Thirty seconds of a French verse (44.5 s into the song), cut at the start of the run: five sung lines.
const excerpt = join(repoRoot, 'frontend', 'test-results', 'lyrics-verse.mp3')
const VERSE = `gi he entre nous beaucoup trop d'questions entre nous beaucoup trop d'questions questions
he he j'te l'dirais jamais mais t'avais raison l'dirais jamais mais t'avais raison

non j'voulais pas te mentir mais j'ai dû choisir entre facilité et courage rage rage rage
à trop vouloir m'en sortir j'ai
seulement retardé la tempête avant l'orage rage rage rage`
const MINUTE = 60_000
const ANALYSIS_TIMEOUT = Number(process.env.VC_E2E_ANALYSIS_TIMEOUT_MS ?? 15 * MINUTE)
const GENERATION_TIMEOUT = Number(process.env.VC_E2E_GENERATION_TIMEOUT_MS ?? 20 * MINUTE)

let browser
let page
const state = { email: freshEmail('lyrics'), password: 'sung-words-42' }
const violations = {}

async function shoot(name) {
  const found = await accessibilityViolations(page)
  if (found.length > 0) violations[name] = found
  await page.screenshot({ path: join(resultShots, `lyrics-${name}.png`), fullPage: true })
}

async function api(path, method = 'GET') {
  return page.evaluate(
    async ([p, m]) => {
      const token = localStorage.getItem('vibecraft.token')
      const response = await fetch(p, { method: m, headers: { Authorization: `Bearer ${token}` } })
      const text = await response.text()
      let body = text
      try {
        body = JSON.parse(text)
      } catch {
        // a caption file, not JSON
      }
      return { status: response.status, body }
    },
    [path, method],
  )
}

const step = chainedSteps(() => page.screenshot({ path: join(resultShots, 'lyrics-FAILED.png'), fullPage: true }))

describe('Lyrics the musician controls', { timeout: 45 * MINUTE }, () => {
  before(async () => {
    assert.ok(existsSync(sourceSong), `song not found at ${sourceSong}`)
    mkdirSync(resultShots, { recursive: true })
    execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-ss', '44.5', '-t', '30', '-i', sourceSong, '-c:a', 'libmp3lame', '-b:a', '128k', excerpt])
    browser = await launchBrowser()
    const opened = await openPage(browser, { baseURL: baseUrl, viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    page = opened.page
  })

  after(async () => {
    await browser?.close()
  })

  step('pastes the words at upload; the analysis places each line on the waveform', async () => {
    await page.goto('/register')
    await createAccount(page, state.email, state.password)
    await page.getByLabel('Lyrics (optional)').fill(VERSE)
    state.songId = await uploadSong(page, excerpt)
    await page.waitForURL(/\/songs\/[^/]+\/edit/, { timeout: ANALYSIS_TIMEOUT })
    await page.getByRole('heading', { name: 'Lyrics', exact: true }).waitFor({ timeout: MINUTE })
    const lines = page.getByTestId('lyric-line')
    await lines.first().waitFor()
    assert.equal(await lines.count(), 5, 'each pasted line is on the waveform')
    assert.match(await lines.nth(0).getAttribute('aria-label'), /^Line 1: gi he entre nous/)
    assert.equal(await page.getByLabel('The song’s words').inputValue(), VERSE)
    const lyrics = (await api(`/api/songs/${state.songId}/lyrics`)).body
    assert.equal(lyrics.source, 'aligned')
    // The verse's lines start about 0.6, 7.0, 14.9, 22.3 and 25.0 s into the excerpt (the reference annotation).
    const starts = lyrics.lines.map((l) => l.start)
    for (const [i, expected] of [0.57, 7.02, 14.88, 22.26, 25.01].entries()) {
      assert.ok(Math.abs(starts[i] - expected) <= 1.5, `line ${i + 1} starts at ${starts[i]} s, expected about ${expected} s`)
    }
    await shoot('editor')
  })

  step('fixes a word and aligns again as a job with its own progress', async () => {
    const words = page.getByLabel('The song’s words')
    await words.fill(VERSE.replace('courage', 'le courage'))
    await page.getByRole('button', { name: 'Save words & align again' }).click()
    await page.getByRole('progressbar', { name: 'Aligning the lyrics to the song' }).waitFor({ timeout: MINUTE })
    await page.getByRole('progressbar', { name: 'Aligning the lyrics to the song' }).waitFor({ state: 'detached', timeout: ANALYSIS_TIMEOUT })
    await page.getByRole('button', { name: /^Line 3: non j'voulais pas te mentir mais j'ai dû choisir entre facilité et le courage/ }).waitFor()
    const lyrics = (await api(`/api/songs/${state.songId}/lyrics`)).body
    assert.equal(lyrics.stale, false)
    assert.equal(lyrics.error, null)
  })

  step('nudges a line with the keyboard and saves it', async () => {
    const before = (await api(`/api/songs/${state.songId}/lyrics`)).body.lines[3].start
    const line = page.getByRole('button', { name: /^Line 4: / })
    await line.focus()
    await page.keyboard.press('Shift+ArrowRight')
    await page.getByRole('button', { name: 'Save line times' }).click()
    await page.getByRole('button', { name: 'Save line times' }).waitFor({ state: 'detached' })
    const saved = (await api(`/api/songs/${state.songId}/lyrics`)).body
    assert.equal(saved.edited, true)
    assert.ok(saved.lines[3].start > before, `line 4 moved later (${before} -> ${saved.lines[3].start})`)
    const srt = (await api(`/api/songs/${state.songId}/captions.srt`)).body
    assert.match(srt, /^1\n\d\d:\d\d:\d\d,\d\d\d --> /)
    await shoot('editor-moved')
  })

  step('the player carries the words as captions and offers them as files', async () => {
    await generateAndWatch(page, GENERATION_TIMEOUT)
    await page.getByLabel(/^Video: /).waitFor()
    // The browser's own captions: a WebVTT track whose cues are the lyric lines.
    await page.waitForFunction(() => document.querySelector('video[aria-label^="Video: "] track')?.getAttribute('src')?.startsWith('blob:'))
    const cues = await page.evaluate(async () => {
      const video = document.querySelector('video[aria-label^="Video: "]')
      const track = video.textTracks[0]
      track.mode = 'hidden'
      for (let i = 0; i < 50 && (!track.cues || track.cues.length === 0); i += 1) await new Promise((r) => setTimeout(r, 100))
      return Array.from(track.cues ?? []).map((c) => ({ start: c.startTime, text: c.text }))
    })
    assert.equal(cues.length, 5, 'one cue per lyric line')
    assert.match(cues[0].text, /^gi <00:00:\d\d\.\d\d\d>he/, 'word times are inside the cue')
    const captions = page.getByTestId('caption-downloads')
    const [download] = await Promise.all([page.waitForEvent('download'), captions.getByRole('button', { name: 'LRC' }).click()])
    const lrc = readFileSync(await download.path(), 'utf-8')
    assert.match(download.suggestedFilename(), /\.lrc$/)
    assert.match(lrc, /^\[ti:.+\]\n\[00:00\.\d\d\]<00:00\.\d\d>gi /)
    await shoot('player')
  })

  step('has no accessibility violations on the pages it visited', async () => {
    assert.deepEqual(violations, {})
  })
})
