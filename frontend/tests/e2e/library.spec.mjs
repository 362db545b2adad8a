// Library, player and account as people expect them: the landing page, keyboard on the waveform,
// player controls, the timeline export download, deleting a song with its video, and a password reset
// through `vibecraft reset-password`. Every page is checked with axe. Elements are found by role and label.
// Run with `VC_E2E_SPECS=library.spec.mjs bash scripts/e2e.sh` from the repository root.
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
// Thirty seconds of country at about 86 BPM: a short analysis and a short render.
const songPath = resolve(repoRoot, '..', 'shared', 'data', 'beats', 'gtzan_country_00000.wav')
const docsShots = join(repoRoot, 'docs', 'screenshots')
const resultShots = join(repoRoot, 'frontend', 'test-results', 'screenshots')
const MINUTE = 60_000
const ANALYSIS_TIMEOUT = Number(process.env.VC_E2E_ANALYSIS_TIMEOUT_MS ?? 10 * MINUTE)
const GENERATION_TIMEOUT = Number(process.env.VC_E2E_GENERATION_TIMEOUT_MS ?? 20 * MINUTE)

let browser
let context
let page
const state = { email: freshEmail('library'), password: 'first-password-1', newPassword: 'second-password-2' }
const violations = {}

/** axe on the current page; findings are reported together by the last step. */
async function checkAccessibility(name) {
  const found = await accessibilityViolations(page)
  if (found.length > 0) violations[name] = found
}

async function shoot(name, dir = resultShots) {
  await checkAccessibility(name)
  await page.screenshot({ path: join(dir, `${name}.png`) })
}

/** The page at phone width, saved as docs/screenshots/<name>-phone.png, then back to desktop. */
async function phoneShot(name) {
  const desktop = page.viewportSize()
  await page.setViewportSize({ width: 390, height: 844 })
  await page.waitForTimeout(400)
  await checkAccessibility(`${name}-phone`)
  await page.screenshot({ path: join(docsShots, `${name}-phone.png`), fullPage: true })
  await page.setViewportSize(desktop)
}

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

async function waitUntil(check, what, timeout = 30_000) {
  const end = Date.now() + timeout
  while (Date.now() < end) {
    if (await check()) return
    await page.waitForTimeout(200)
  }
  assert.fail(`timed out: ${what}`)
}

const step = chainedSteps(() => page.screenshot({ path: join(resultShots, 'library-FAILED.png'), fullPage: true }))

describe('Library, player and account', { timeout: 45 * MINUTE }, () => {
  before(async () => {
    assert.ok(existsSync(songPath), `song not found at ${songPath}`)
    mkdirSync(resultShots, { recursive: true })
    mkdirSync(docsShots, { recursive: true })
    browser = await launchBrowser()
    const opened = await openPage(browser, { baseURL: baseUrl, viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    context = opened.context
    page = opened.page
  })

  after(async () => {
    await browser?.close()
  })

  step('greets a signed-out visitor with what VibeCraft does and a sample it made', async () => {
    await page.goto('/')
    await page.getByRole('heading', { level: 1, name: /music video cut to its beat/ }).waitFor()
    const sample = page.getByLabel('Sample video made by VibeCraft')
    await sample.waitFor()
    const size = await page.evaluate(async () => {
      const res = await fetch(document.querySelector('video')?.getAttribute('src') ?? '')
      return res.ok ? (await res.arrayBuffer()).byteLength : 0
    })
    assert.ok(size > 10_000 && size <= 1024 * 1024, `the sample video should be served and at most 1 MB (got ${size} bytes)`)
    await shoot('landing')
    await phoneShot('landing')
    await page.getByRole('link', { name: 'Make your first video' }).click()
    await page.waitForURL('**/register')
  })

  step('registers and uploads a song', async () => {
    await createAccount(page, state.email, state.password)
    state.songId = await uploadSong(page, songPath)
    await page.waitForURL(/\/songs\/[^/]+\/edit/, { timeout: ANALYSIS_TIMEOUT })
    await page.getByRole('heading', { name: 'Sections', exact: true }).waitFor({ timeout: MINUTE })
  })

  step('moves the playhead on the waveform by a beat and by a bar with the keyboard', async () => {
    const analysis = (await api(`/api/songs/${state.songId}/analysis`)).body
    const beats = analysis.beat_times
    const bars = analysis.downbeat_times
    const slider = page.getByRole('slider', { name: 'Playhead on the waveform' })
    await slider.focus()
    const position = async () => Number(await slider.getAttribute('aria-valuenow'))
    const near = (t, list) => list.some((x) => Math.abs(x - t) <= 0.06)

    await page.keyboard.press('ArrowRight')
    await waitUntil(async () => (await position()) > 0, 'the playhead moves right')
    const first = await position()
    assert.ok(near(first, beats) && first <= beats[0] + 0.06, `ArrowRight from 0 should land on the first beat (${beats[0]}), got ${first}`)
    await page.keyboard.press('ArrowRight')
    await waitUntil(async () => (await position()) > first + 0.05, 'the playhead moves one more beat')
    const second = await position()
    assert.ok(Math.abs(second - beats[1]) <= 0.06, `a second ArrowRight should land on beat 2 (${beats[1]}), got ${second}`)

    await page.keyboard.press('Shift+ArrowRight')
    await waitUntil(async () => (await position()) > second + 0.05, 'the playhead moves a bar')
    const bar = await position()
    assert.ok(near(bar, bars), `Shift+ArrowRight should land on a bar start, got ${bar}`)
    assert.ok((await slider.getAttribute('aria-valuetext')).includes('beat 1 of bar'), 'the position is spoken as a beat of a bar')

    await page.keyboard.press('ArrowLeft')
    await waitUntil(async () => (await position()) < bar - 0.05, 'the playhead moves back a beat')
    assert.ok(near(await position(), beats), 'ArrowLeft lands on a beat')
    await shoot('editor-keyboard')
    await phoneShot('editor')
  })

  step('generates the video', async () => {
    state.videoId = await generateAndWatch(page, GENERATION_TIMEOUT)
    state.video = (await api(`/api/videos/${state.videoId}`)).body
  })

  step('player: ±5 s from the keyboard, volume and mute, full screen on phones, a named download', async () => {
    const video = page.getByLabel(/^Video: /)
    await video.waitFor()
    await page.waitForFunction(() => (document.querySelector('video[aria-label^="Video: "]')?.readyState ?? 0) >= 1)
    const currentTime = () => page.evaluate(() => document.querySelector('video[aria-label^="Video: "]').currentTime)
    const seek = page.getByRole('slider', { name: 'Seek' })
    await seek.focus()
    await page.keyboard.press('ArrowRight')
    await waitUntil(async () => Math.abs((await currentTime()) - 5) < 0.3, 'ArrowRight seeks 5 s')
    await page.keyboard.press('ArrowRight')
    await waitUntil(async () => Math.abs((await currentTime()) - 10) < 0.3, 'a second ArrowRight seeks to 10 s')
    await page.keyboard.press('ArrowLeft')
    await waitUntil(async () => Math.abs((await currentTime()) - 5) < 0.3, 'ArrowLeft seeks back 5 s')

    const muted = () => page.evaluate(() => document.querySelector('video[aria-label^="Video: "]').muted)
    await page.getByRole('button', { name: 'Mute' }).click()
    assert.equal(await muted(), true)
    await page.getByRole('button', { name: 'Unmute' }).click()
    assert.equal(await muted(), false)
    await page.getByRole('slider', { name: 'Volume' }).fill('0.4')
    const volume = await page.evaluate(() => document.querySelector('video[aria-label^="Video: "]').volume)
    assert.ok(Math.abs(volume - 0.4) < 0.01, `volume should follow the slider, got ${volume}`)

    const download = page.getByRole('link', { name: 'Download' })
    const href = await download.getAttribute('href')
    assert.match(decodeURIComponent(href), /name=.+-v1\.mp4/, 'the download is named after the song and version')
    await shoot('player-controls')
    await page.setViewportSize({ width: 390, height: 844 })
    assert.ok(await page.getByRole('button', { name: 'Full screen' }).isVisible(), 'full screen is offered at phone width')
    // One row of controls on a phone, with room to scrub: the volume slider gives way to the seek bar.
    const box = async (locator) => locator.boundingBox()
    const [play, seekBox, full] = await Promise.all([box(page.getByRole('button', { name: /^(Play|Pause)$/ })), box(seek),
      box(page.getByRole('button', { name: 'Full screen' }))])
    assert.ok(Math.abs((play.y + play.height / 2) - (full.y + full.height / 2)) < 8, 'full screen sits on the row of play')
    assert.ok(seekBox.width >= 80, `the seek bar keeps room to scrub at phone width, got ${seekBox.width} px`)
    assert.equal(await page.getByRole('slider', { name: 'Volume' }).isVisible(), false, 'no volume slider on a phone')
    await page.setViewportSize({ width: 1280, height: 800 })
    await phoneShot('player')
  })

  step('downloads the timeline for an editor, with one cut per clip', async () => {
    const [otioDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /OpenTimelineIO \(\.otio\)/ }).click(),
    ])
    assert.match(otioDownload.suggestedFilename(), /-v1\.otio$/)
    const timeline = JSON.parse(readFileSync(await otioDownload.path(), 'utf8'))
    const videoTrack = timeline.tracks.children.find((track) => track.kind === 'Video')
    const cuts = videoTrack.children.filter((item) => item.OTIO_SCHEMA.startsWith('Clip'))
    assert.equal(cuts.length, state.video.clips.length, 'one cut per clip')
    let frame = 0
    for (const [i, cut] of cuts.entries()) {
      const planned = state.video.clips[i]
      assert.ok(Math.abs(frame / state.video.fps - planned.start_time) <= 0.5 / state.video.fps, `cut ${i + 1} starts on its planned time`)
      frame += cut.source_range.duration.value
    }
    await page.getByText(/^Saved .+-v1\.otio$/).waitFor()
    const [edlDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /CMX 3600 EDL/ }).click()])
    assert.match(readFileSync(await edlDownload.path(), 'utf8'), /^TITLE: /)
    await checkAccessibility('player-export')
  })

  step('deletes the song after naming the video that goes with it; storage is freed', async () => {
    await page.getByRole('link', { name: 'Library' }).click()
    await page.getByRole('heading', { name: 'Your songs' }).waitFor()
    const title = state.video.title
    await page.getByRole('button', { name: `Delete the song ${title}` }).click()
    const dialog = page.getByRole('dialog', { name: `Delete the song “${title}”?` })
    await dialog.getByText('This video goes with it:').waitFor()
    await dialog.getByRole('listitem').filter({ hasText: title }).waitFor()
    await shoot('delete-song-dialog')
    await dialog.getByRole('button', { name: 'Delete song and video' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByRole('button', { name: `Delete the song ${title}` }).waitFor({ state: 'detached' })
    assert.equal((await api(`/api/songs/${state.songId}`)).status, 404)
    assert.equal((await api(`/api/videos/${state.videoId}`)).status, 404)
    const usage = (await api('/api/users/me')).body.usage
    assert.equal(usage.storage_bytes, 0, 'the song, its analysis files and video no longer count')
    assert.equal(usage.videos, 0)
    await shoot('library-after-delete')
  })

  step('resets a forgotten password with the link `vibecraft reset-password` prints', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL('**/sign-in')
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await page.waitForURL('**/forgot-password')
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor()
    await page.getByLabel('Email').fill(state.email)
    await page.getByRole('button', { name: 'Send reset link' }).click()
    // The e2e server has no SMTP settings: the page says who can help.
    await page.getByText('vibecraft reset-password').waitFor()
    await shoot('forgot-password')
    const output = execFileSync(join(repoRoot, '.venv', 'bin', 'vibecraft'), ['reset-password', state.email, '--base-url', baseUrl], {
      encoding: 'utf8',
      env: process.env,
    })
    const link = output.match(/https?:\/\/\S+\/reset-password\?token=\S+/)?.[0]
    assert.ok(link, `the command should print a link, printed: ${output}`)
    await page.goto(link)
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
    await page.getByLabel('New password', { exact: true }).fill(state.newPassword)
    await page.getByLabel('Repeat the new password').fill(state.newPassword)
    await shoot('reset-password')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByRole('heading', { name: 'Your videos' }).waitFor()
    // The link is spent, and only the new password signs in.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.goto(link)
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
    await page.getByLabel('New password', { exact: true }).fill('third-password-3')
    await page.getByLabel('Repeat the new password').fill('third-password-3')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByRole('alert').filter({ hasText: 'already used' }).waitFor()
    await page.goto('/sign-in')
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor()
    await page.getByLabel('Email').fill(state.email)
    await page.getByLabel('Password').fill(state.newPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Your videos' }).waitFor()
  })

  step('finds no accessibility violations on any page', async () => {
    const report = Object.entries(violations).map(([name, list]) => `${name}:\n  ${list.join('\n  ')}`)
    assert.deepEqual(report, [], `axe found violations:\n${report.join('\n')}`)
  })
})
