#!/usr/bin/env node
// Screenshots every page of the built app (dist/) at desktop and phone width, with the API mocked
// through Playwright's page.route from fixtures.mjs — the product itself carries no demo mode.
// Usage: npm run build && node tests/screenshots/take-screenshots.mjs  → test-results/screenshots/design/
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from '../e2e/browser.mjs'
import * as fx from '../support/fixtures.mjs'
import { makeMedia } from '../support/media.mjs'
import { startStaticServer } from '../support/static-server.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const frontend = resolve(here, '..', '..')
const dist = join(frontend, 'dist')
const outDir = join(frontend, 'test-results', 'screenshots', 'design')
const mediaDir = join(frontend, 'test-results', 'screenshot-media')
const sharedSong = resolve(frontend, '..', '..', 'shared', 'data', 'lyrics', 'Fantasma_-_Los_Rombos.mp3')
const only = process.argv[2] ? new RegExp(process.argv[2]) : null

if (!existsSync(join(dist, 'index.html'))) {
  console.error('dist/ is missing: run "npm run build" first.')
  process.exit(1)
}
mkdirSync(outDir, { recursive: true })

const json = (route, body, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) })

/** Answers /api/* like the backend would, for one scenario. */
function apiHandler(scenario) {
  const videoUrl = '/media/neon.mp4'
  const posterUrl = '/media/poster.jpg'
  return async (route) => {
    const request = route.request()
    const url = new URL(request.url())
    const key = `${request.method()} ${url.pathname}`
    const p = url.pathname
    if (p.startsWith('/api/files/')) {
      return existsSync(sharedSong) ? route.fulfill({ path: sharedSong, contentType: 'audio/mpeg' }) : route.fulfill({ status: 404 })
    }
    if (key === 'POST /api/auth/register') return json(route, { detail: 'An account with this email already exists. Sign in instead.' }, 409)
    if (key === 'POST /api/auth/login') return json(route, { access_token: 'token', token_type: 'bearer', user: fx.user })
    if (key === 'POST /api/auth/logout') return route.fulfill({ status: 204 })
    if (key === 'GET /api/users/me') return json(route, fx.user)
    if (key === 'GET /api/videos') return json(route, fx.libraryVideos(posterUrl, videoUrl))
    if (key === 'GET /api/songs') {
      return json(route, [fx.song, { ...fx.song, id: 's-9', title: 'Paper Moons (demo)', status: 'analyzing' }, ...['s-2', 's-3', 's-4'].map((id) => ({ ...fx.song, id }))])
    }
    if (key === `GET /api/songs/${fx.SONG_ID}`) return json(route, { ...fx.song, status: scenario.songStatus ?? 'analyzed', locked: scenario.locked ?? false })
    if (key === `GET /api/jobs/${fx.JOB_ID}`) return json(route, scenario.job ?? fx.job('saved', 100, 'completed'))
    if (key === `GET /api/songs/${fx.SONG_ID}/analysis`) return json(route, fx.analysis)
    if (key === `GET /api/songs/${fx.SONG_ID}/prompt`) return json(route, fx.promptInfo)
    if (key === `GET /api/songs/${fx.SONG_ID}/sections`) return json(route, scenario.storedSections ?? [])
    if (key === `POST /api/songs/${fx.SONG_ID}/sections`) return json(route, fx.sections, 201)
    if (key === `POST /api/songs/${fx.SONG_ID}/clips/plan`) return json(route, fx.makeClips(() => 'planned'), 201)
    if (key === `GET /api/songs/${fx.SONG_ID}/clips/estimate`) return json(route, fx.estimate)
    if (key === `GET /api/songs/${fx.SONG_ID}/clips`) return json(route, fx.makeClips(scenario.clipStatus ?? (() => 'completed'), videoUrl))
    if (key === `GET /api/songs/${fx.SONG_ID}/generation/status`) return json(route, scenario.generation)
    if (key === `GET /api/videos/${fx.VIDEO_ID}`) return json(route, fx.video({ finalized: scenario.finalized ?? false, videoUrl, posterUrl }))
    if (key === `GET /api/share/${fx.SHARE_TOKEN}`) return json(route, { title: 'Neon Rain', video_url: videoUrl, poster_url: posterUrl, duration_sec: 212.4, width: 1920, height: 1080 })
    if (key.startsWith('GET /api/share/')) return json(route, { detail: 'This video is not available.' }, 404)
    return json(route, { detail: `No fixture for ${key}` }, 404)
  }
}

const generating = { progress: 41, stage: 'generating', clips_total: 28, clips_completed: 13, clips_failed: 1, video_id: null, error: null }
const generatingClips = (i) => (i < 13 ? 'completed' : i === 13 ? 'failed' : i < 17 ? 'generating' : 'planned')

const PAGES = [
  { name: 'sign-in', path: '/sign-in', signedIn: false },
  {
    name: 'register-error',
    path: '/register',
    signedIn: false,
    act: async (page) => {
      await page.getByLabel('Email').fill('maya@lowlight.records')
      await page.getByLabel('Password').fill('correct-horse-battery')
      await page.getByRole('button', { name: 'Create account' }).click()
      await page.getByRole('alert').waitFor()
    },
  },
  { name: 'library', path: '/', ready: (page) => page.getByRole('meter', { name: 'Videos' }).waitFor() },
  { name: 'upload', path: '/upload' },
  {
    name: 'upload-rejected',
    path: '/upload',
    act: async (page) => {
      await page.getByLabel('Song file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
      await page.getByRole('alert').waitFor()
    },
  },
  {
    name: 'analysis-progress',
    path: `/songs/${fx.SONG_ID}/analysis?job=${fx.JOB_ID}`,
    scenario: { songStatus: 'analyzing', job: fx.job('structure', 46) },
    ready: (page) => page.getByRole('progressbar').waitFor(),
  },
  {
    name: 'editor',
    path: `/songs/${fx.SONG_ID}/edit`,
    ready: async (page) => {
      await page.getByRole('heading', { name: 'Sections' }).waitFor()
      await page.waitForTimeout(1500)
    },
  },
  {
    name: 'estimate-dialog',
    path: `/songs/${fx.SONG_ID}/edit`,
    act: async (page) => {
      await page.getByRole('button', { name: 'Approve & Generate' }).click()
      await page.getByRole('dialog').waitFor()
    },
  },
  {
    name: 'generation-running',
    path: `/songs/${fx.SONG_ID}/generation`,
    scenario: { generation: generating, clipStatus: generatingClips, locked: true, storedSections: fx.sections },
    ready: (page) => page.getByRole('list', { name: 'Clips' }).waitFor(),
  },
  {
    name: 'generation-done',
    path: `/songs/${fx.SONG_ID}/generation`,
    scenario: { generation: { progress: 100, stage: 'completed', clips_total: 28, clips_completed: 28, clips_failed: 0, video_id: fx.VIDEO_ID, error: null }, locked: true, storedSections: fx.sections },
    ready: (page) => page.getByRole('link', { name: /Watch video/ }).waitFor(),
  },
  {
    name: 'player',
    path: `/videos/${fx.VIDEO_ID}`,
    act: async (page) => {
      await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1)
      await page.evaluate(() => {
        document.querySelector('video').currentTime = 66.6
      })
      await page.locator('[aria-current="true"]').waitFor()
      await page.waitForTimeout(600)
    },
  },
  {
    name: 'regenerate-dialog',
    path: `/videos/${fx.VIDEO_ID}`,
    act: async (page) => {
      await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1)
      await page.evaluate(() => {
        document.querySelector('video').currentTime = 12
      })
      await page.waitForFunction(() => document.querySelector('video').currentTime > 11)
      await page.getByRole('button', { name: 'Regenerate…' }).click()
      await page.getByRole('dialog').waitFor()
    },
  },
  {
    name: 'finalize-dialog',
    path: `/videos/${fx.VIDEO_ID}`,
    act: async (page) => {
      await page.getByRole('button', { name: 'Finalize…' }).click()
      await page.getByRole('dialog').waitFor()
    },
  },
  { name: 'player-finalized', path: `/videos/${fx.VIDEO_ID}`, scenario: { finalized: true } },
  { name: 'share', path: `/share/${fx.SHARE_TOKEN}`, signedIn: false, ready: (page) => page.getByRole('heading', { name: 'Neon Rain' }).waitFor() },
  { name: 'share-not-found', path: '/share/gone-token', signedIn: false, ready: (page) => page.getByRole('heading', { name: 'Video not found' }).waitFor() },
]

const VIEWPORTS = [
  { label: 'desktop', viewport: { width: 1440, height: 900 } },
  { label: 'phone', viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
]

const media = makeMedia(mediaDir)
const server = await startStaticServer({ dist, media: { '/media/neon.mp4': media.videoFile, '/media/poster.jpg': media.posterFile } })
const baseURL = `http://127.0.0.1:${server.address().port}`
const browser = await launchBrowser()
let failures = 0
try {
  for (const { label, ...device } of VIEWPORTS) {
    for (const spec of PAGES) {
      if (only && !only.test(spec.name)) continue
      const context = await browser.newContext({ baseURL, ...device })
      if (spec.signedIn !== false) await context.addInitScript(() => localStorage.setItem('vibecraft.token', 'fixture-token'))
      const page = await context.newPage()
      page.setDefaultTimeout(10_000)
      page.on('pageerror', (error) => console.error(`[${spec.name}] page error:`, error.message))
      await page.route('**/api/**', apiHandler(spec.scenario ?? {}))
      try {
        await page.goto(spec.path)
        await page.locator('main, [role="main"], h1').first().waitFor()
        if (spec.ready) await spec.ready(page)
        if (spec.act) await spec.act(page)
        await page.waitForTimeout(250)
        const file = join(outDir, `${label}-${spec.name}.png`)
        // A modal is fixed to the viewport, so a full-page capture would smear it: keep dialogs to the viewport.
        const dialogOpen = await page.getByRole('dialog').count()
        await page.screenshot({ path: file, fullPage: dialogOpen === 0 })
        console.log(`✓ ${label}-${spec.name}`)
      } catch (error) {
        failures += 1
        console.error(`✗ ${label}-${spec.name}: ${error.message.split('\n')[0]}`)
        await page.screenshot({ path: join(outDir, `${label}-${spec.name}-FAILED.png`), fullPage: true }).catch(() => undefined)
      }
      await context.close()
    }
  }
} finally {
  await browser.close()
  server.close()
}
console.log(`screenshots in ${outDir}`)
process.exit(failures ? 1 : 0)
