import { session } from '@/lib/session'

/** An API answer outside 2xx, carrying the status and the API's `detail` sentence. */
export class ApiError extends Error {
  readonly status: number
  readonly detail: string

  constructor(status: number, detail: string) {
    super(detail)
    this.name = 'ApiError'
    this.status = status
    this.detail = detail
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'Your session has ended. Please sign in again.',
  404: 'We could not find that.',
  413: 'That file is too large.',
  429: 'Too many requests right now. Please wait a moment and try again.',
}

/** Turns FastAPI's `detail` (a sentence, or a list of validation errors) into one readable sentence. */
export function detailFromBody(status: number, body: unknown): string {
  const detail = (body as { detail?: unknown } | null)?.detail
  if (typeof detail === 'string' && detail.trim()) return detail
  if (Array.isArray(detail) && detail.length > 0) {
    return detail
      .map((item) => (typeof item === 'object' && item && 'msg' in item ? String(item.msg) : String(item)))
      .join(' ')
  }
  if (status >= 500) return 'Something went wrong on our side. Please try again in a moment.'
  return FALLBACK_MESSAGES[status] ?? `The request failed (${status}).`
}

/** A 401 means the token is no longer valid (expired or revoked): drop the session so the app shows sign-in. */
export function handleUnauthorized(status: number, hadToken: boolean) {
  if (status === 401 && hadToken) session.clear()
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  signal?: AbortSignal
}

export async function apiRequest<T>(path: string, { method = 'GET', body, signal }: RequestOptions = {}): Promise<T> {
  const token = session.getToken()
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'

  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ApiError(0, 'We could not reach VibeCraft. Check your connection and try again.')
  }

  if (!response.ok) {
    const errorBody = await response.json().catch(() => null)
    handleUnauthorized(response.status, token !== null)
    throw new ApiError(response.status, detailFromBody(response.status, errorBody))
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T = void>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail
  if (error instanceof Error && error.message) return error.message
  return 'Something went wrong. Please try again.'
}
