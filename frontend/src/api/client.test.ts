import { afterEach, describe, expect, it, vi } from 'vitest'
import { session } from '@/lib/session'
import { fakeFetch } from '@/test/render-with-client'
import { api, ApiError } from './client'

afterEach(() => {
  vi.unstubAllGlobals()
  session.clear()
})

describe('api client', () => {
  it('sends the bearer token', async () => {
    const seen: (string | null)[] = []
    vi.stubGlobal('fetch', async (_: string, init: RequestInit) => {
      seen.push(new Headers(init.headers).get('Authorization'))
      return new Response('{"ok":true}', { status: 200 })
    })
    session.setToken('abc')
    await expect(api.get('/api/users/me')).resolves.toEqual({ ok: true })
    expect(seen).toEqual(['Bearer abc'])
  })

  it('throws ApiError with the status and the API’s detail', async () => {
    const { fetchMock } = fakeFetch({ 'POST /api/songs/1/sections': () => ({ status: 422, body: { detail: 'Sections overlap.' } }) })
    vi.stubGlobal('fetch', fetchMock)
    const error = await api.post('/api/songs/1/sections', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 422, detail: 'Sections overlap.' })
  })

  it('reads FastAPI validation errors as one sentence', async () => {
    const { fetchMock } = fakeFetch({ 'GET /x': () => ({ status: 422, body: { detail: [{ msg: 'Field required' }] } }) })
    vi.stubGlobal('fetch', fetchMock)
    await expect(api.get('/x')).rejects.toMatchObject({ detail: 'Field required' })
  })

  it('logs out on 401', async () => {
    const { fetchMock } = fakeFetch({ 'GET /api/users/me': () => ({ status: 401, body: { detail: 'Token revoked.' } }) })
    vi.stubGlobal('fetch', fetchMock)
    session.setToken('stale')
    await expect(api.get('/api/users/me')).rejects.toMatchObject({ status: 401 })
    expect(session.getToken()).toBeNull()
    expect(window.localStorage.getItem('vibecraft.token')).toBeNull()
  })

  it('returns undefined for 204', async () => {
    const { fetchMock } = fakeFetch({ 'DELETE /api/videos/1': () => ({ status: 204 }) })
    vi.stubGlobal('fetch', fetchMock)
    await expect(api.delete('/api/videos/1')).resolves.toBeUndefined()
  })
})
