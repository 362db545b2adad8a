#!/usr/bin/env node
// An in-memory stand-in for the VibeCraft API (docs/api.md), serving the built app too. It lets the
// e2e flow be rehearsed before the real backend is ready; jobs advance a step on every poll.
// Usage: npm run build && node tests/support/mock-api-server.mjs [port]   (default: any free port)
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as fx from './fixtures.mjs'
import { makeMedia } from './media.mjs'
import { startStaticServer } from './static-server.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const frontend = resolve(here, '..', '..')
const media = makeMedia(join(frontend, 'test-results', 'screenshot-media'))
const song = resolve(frontend, '..', '..', 'shared', 'data', 'lyrics', 'Fantasma_-_Los_Rombos.mp3')
const mediaFiles = { '/media/neon.mp4': media.videoFile, '/media/poster.jpg': media.posterFile }
if (existsSync(song)) mediaFiles['/media/song.mp3'] = song

const users = new Map() // email → user
const tokens = new Map() // token → email
const songs = new Map()
const jobs = new Map()
const videos = new Map()
const ANALYSIS_STAGES = ['decoded', 'beats', 'structure', 'genre_mood', 'lyrics', 'saved']

const now = () => new Date().toISOString()
function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(body === undefined ? '' : JSON.stringify(body))
  return true
}
const fail = (res, status, detail) => send(res, status, { detail })
async function readBody(req) {
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  return Buffer.concat(chunks)
}
async function readJson(req) {
  const text = (await readBody(req)).toString()
  return text ? JSON.parse(text) : {}
}
function newJob(kind, songId, steps) {
  const job = { id: randomUUID(), kind, status: 'queued', progress: 0, stage: 'queued', error_message: null, song_id: songId, created_at: now(), updated_at: now(), steps, polls: 0 }
  jobs.set(job.id, job)
  return job
}
const publicJob = ({ steps, polls, onDone, ...job }) => job
function advanceJob(job) {
  if (job.status === 'completed' || job.status === 'failed') return
  job.polls += 1
  const index = Math.min(job.polls - 1, job.steps.length - 1)
  job.stage = job.steps[index]
  job.progress = Math.round(((index + 1) / job.steps.length) * 100)
  job.status = index === job.steps.length - 1 ? 'completed' : 'processing'
  job.updated_at = now()
  if (job.status === 'completed') job.onDone?.()
}
function userOf(req) {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
  const email = token && tokens.get(token)
  return email ? users.get(email) : null
}
function usage(user) {
  const mine = [...videos.values()].filter((v) => v.owner === user.email && !v.deleted)
  return { videos: mine.length, videos_limit: 15, storage_bytes: mine.reduce((n, v) => n + v.file_size_bytes, 0), storage_limit_bytes: 5 * 1024 ** 3 }
}
const publicUser = (user) => ({ id: user.id, email: user.email, created_at: user.created_at, usage: usage(user) })
const publicSong = ({ owner, sections, clips, generation, prompt_info, ...s }) => s
const publicVideo = ({ owner, deleted, ...v }, full = true) => {
  if (full) return v
  const { sections, clips, ...summary } = v
  return summary
}

function planClips(s) {
  const clips = []
  for (const section of s.sections) {
    let start = section.start_time
    while (start < section.end_time - 0.01) {
      const end = section.end_time - start < 12 ? section.end_time : start + 8
      clips.push({ id: randomUUID(), song_id: s.id, section_id: section.id, clip_index: clips.length, start_time: start, end_time: end, frame_count: Math.round(end * 24) - Math.round(start * 24), prompt: section.label, status: 'planned', error_message: null, regeneration_count: 0, seed: clips.length, video_url: null })
      start = end
    }
  }
  return clips
}

function generationStatus(s) {
  const g = s.generation
  if (!g) return { progress: 0, stage: 'idle', clips_total: 0, clips_completed: 0, clips_failed: 0, video_id: null, error: null }
  const total = s.clips.length
  if (g.stage === 'generating') {
    g.done = Math.min(total, g.done + Math.ceil(total / 4))
    s.clips.forEach((c, i) => {
      c.status = i < g.done ? 'completed' : i < g.done + 2 ? 'generating' : 'planned'
      c.video_url = c.status === 'completed' ? '/media/neon.mp4' : null
    })
    if (g.done === total) g.stage = 'composing'
    return { progress: Math.round((g.done / total) * 80), stage: 'generating', clips_total: total, clips_completed: g.done, clips_failed: 0, video_id: null, error: null }
  }
  if (g.stage === 'composing') {
    g.compose = [80, 90, 95, 100][Math.min(3, (g.compose ?? -1) + 1)] === 100 ? 3 : (g.compose ?? -1) + 1
    const progress = [80, 90, 95, 100][g.compose]
    if (progress === 100) {
      g.stage = 'completed'
      g.video_id = createVideo(s).id
    }
    return { progress, stage: g.stage === 'completed' ? 'completed' : 'composing', clips_total: total, clips_completed: total, clips_failed: 0, video_id: g.video_id ?? null, error: null }
  }
  return { progress: 100, stage: 'completed', clips_total: total, clips_completed: total, clips_failed: 0, video_id: g.video_id, error: null }
}

function createVideo(s) {
  const id = randomUUID()
  const video = {
    id, owner: s.owner, song_id: s.id, title: s.title, video_url: '/media/neon.mp4', poster_url: '/media/poster.jpg', duration_sec: s.duration_sec,
    file_size_bytes: 48_000_000, width: 1920, height: 1080, shape: s.shape, fps: 24, is_finalized: false, shareable_url: `/share/${randomUUID().slice(0, 8)}`,
    created_at: now(), updated_at: now(),
    regenerations_left: { clips: Object.fromEntries(s.clips.map((c) => [c.id, 1])), sections: Object.fromEntries(s.sections.map((x) => [x.id, 1])) },
    sections: s.sections, clips: s.clips,
  }
  videos.set(id, video)
  return video
}

async function api(req, res, path) {
  if (!path.startsWith('/api/')) return false
  const method = req.method
  const parts = path.split('/').slice(2) // after /api
  if (path === '/api/health') return send(res, 200, { status: 'ok', database: 'ok', queue: 'ok', storage: 'ok' })
  if (method === 'POST' && (path === '/api/auth/register' || path === '/api/auth/login')) {
    const { email, password } = await readJson(req)
    if (path.endsWith('register')) {
      if (users.has(email)) return fail(res, 409, 'An account with this email already exists.')
      users.set(email, { id: randomUUID(), email, password, created_at: now() })
    } else if (users.get(email)?.password !== password) return fail(res, 401, 'Wrong email or password.')
    const token = randomUUID()
    tokens.set(token, email)
    return send(res, path.endsWith('register') ? 201 : 200, { access_token: token, token_type: 'bearer', user: publicUser(users.get(email)) })
  }
  if (parts[0] === 'share' && method === 'GET') {
    const video = [...videos.values()].find((v) => v.shareable_url === `/share/${parts[1]}` && !v.deleted)
    if (!video) return fail(res, 404, 'This video is not available.')
    return send(res, 200, { title: video.title, video_url: video.video_url, poster_url: video.poster_url, duration_sec: video.duration_sec, width: video.width, height: video.height })
  }
  const user = userOf(req)
  if (!user) return fail(res, 401, 'Please sign in.')
  if (path === '/api/auth/logout') {
    tokens.delete(/^Bearer (.+)$/.exec(req.headers.authorization)[1])
    return send(res, 204)
  }
  if (path === '/api/users/me') return send(res, 200, publicUser(user))
  if (parts[0] === 'jobs') {
    const job = jobs.get(parts[1])
    if (!job) return fail(res, 404, 'Job not found.')
    advanceJob(job)
    return send(res, 200, publicJob(job))
  }
  if (path === '/api/songs' && method === 'POST') {
    const body = (await readBody(req)).toString('latin1')
    const title = /name="title"\r\n\r\n([^\r]*)/.exec(body)?.[1] || 'Untitled'
    const s = { ...fx.song, id: randomUUID(), owner: user.email, title, status: 'uploaded', analysis_job_id: null, audio_url: '/media/song.mp3', locked: false, sections: [], clips: [], generation: null, created_at: now() }
    songs.set(s.id, s)
    return send(res, 201, publicSong(s))
  }
  if (path === '/api/songs' && method === 'GET') return send(res, 200, [...songs.values()].filter((s) => s.owner === user.email).map(publicSong))
  if (parts[0] === 'songs') {
    const s = songs.get(parts[1])
    if (!s || s.owner !== user.email) return fail(res, 404, 'Song not found.')
    const rest = parts.slice(2).join('/')
    if (rest === '' && method === 'GET') return send(res, 200, publicSong(s))
    if (rest === 'analyze' && method === 'POST') {
      const job = newJob('analyze', s.id, ANALYSIS_STAGES)
      job.onDone = () => (s.status = 'analyzed')
      s.status = 'analyzing'
      s.analysis_job_id = job.id
      return send(res, 202, publicJob(job))
    }
    if (rest === 'analysis') return s.status === 'analyzed' ? send(res, 200, { ...fx.analysis, song_id: s.id }) : fail(res, 409, 'The analysis is not finished yet.')
    if (rest === 'prompt' && method === 'GET') return send(res, 200, { ...fx.promptInfo, video_type: s.video_type, shape: s.shape, prompt: s.prompt, editable: !s.locked })
    if (rest === 'prompt' && method === 'PUT') {
      if (s.locked) return fail(res, 409, 'Generation has started, so the prompt is fixed.')
      Object.assign(s, Object.fromEntries(Object.entries(await readJson(req)).filter(([, v]) => v !== undefined)))
      return send(res, 200, { ...fx.promptInfo, video_type: s.video_type, shape: s.shape, prompt: s.prompt, editable: true })
    }
    if (rest === 'sections' && method === 'POST') {
      const { sections } = await readJson(req)
      if (!sections?.length || sections.length > 12) return fail(res, 422, 'Use between 1 and 12 sections.')
      s.sections = sections.map((x, index) => ({ id: randomUUID(), song_id: s.id, index, label: x.label, start_time: x.start_time, end_time: x.end_time, prompt_note: x.prompt_note ?? '', lyrics: fx.lyrics.filter((l) => l.start < x.end_time && l.end > x.start_time) }))
      return send(res, 201, s.sections)
    }
    if (rest === 'sections') return send(res, 200, s.sections)
    if (rest === 'clips/plan') {
      s.clips = planClips(s)
      return send(res, 201, s.clips)
    }
    if (rest === 'clips/estimate') return send(res, 200, { clip_count: s.clips.length, total_seconds: s.duration_sec, estimated_cost_usd: 0, estimated_seconds: s.clips.length * 20, provider: 'local renderer' })
    if (rest === 'clips/generate') {
      s.locked = true
      s.generation = { stage: 'generating', done: 0 }
      return send(res, 202, publicJob(newJob('generate_clip', s.id, ['generating'])))
    }
    if (rest === 'clips') return send(res, 200, s.clips)
    if (rest === 'generation/status') return send(res, 200, generationStatus(s))
    return fail(res, 404, `No mock for ${method} ${path}`)
  }
  if (path === '/api/videos') return send(res, 200, [...videos.values()].filter((v) => v.owner === user.email && !v.deleted).reverse().map((v) => publicVideo(v, false)))
  if (parts[0] === 'videos') {
    const video = videos.get(parts[1])
    if (!video || video.owner !== user.email || video.deleted) return fail(res, 404, 'Video not found.')
    if (parts.length === 2 && method === 'GET') return send(res, 200, publicVideo(video))
    if (parts.length === 2 && method === 'DELETE') {
      video.deleted = true
      return send(res, 204)
    }
    if (parts[2] === 'finalize') {
      video.is_finalized = true
      return send(res, 200, publicVideo(video))
    }
    if (parts[2] === 'regenerate') {
      if (video.is_finalized) return fail(res, 409, 'This video is finalized.')
      const bucket = parts[3] === 'clip' ? video.regenerations_left.clips : video.regenerations_left.sections
      if (!bucket[parts[4]]) return fail(res, 409, `This ${parts[3]} has no regenerations left.`)
      const job = newJob('regenerate', video.song_id, ['rendering', 'normalizing', 'composing', 'done'])
      job.onDone = () => {
        bucket[parts[4]] -= 1
        video.updated_at = now()
      }
      return send(res, 202, publicJob(job))
    }
  }
  return fail(res, 404, `No mock for ${method} ${path}`)
}

const server = await startStaticServer({ dist: join(frontend, 'dist'), media: mediaFiles, api, port: Number(process.argv[2] ?? 0) })
console.log(`mock API + web app on http://127.0.0.1:${server.address().port}`)
