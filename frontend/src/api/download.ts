import { ApiError, detailFromBody, handleUnauthorized } from './client'
import { session } from '@/lib/session'

/** A private file from the API: the request needs the bearer token, so it goes through fetch, not a plain link. */
export async function fetchPrivateFile(path: string): Promise<Response> {
  const token = session.getToken()
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch(() => {
    throw new ApiError(0, 'We could not reach VibeCraft. Check your connection and try again.')
  })
  if (!response.ok) {
    handleUnauthorized(response.status, token !== null)
    throw new ApiError(response.status, detailFromBody(response.status, await response.json().catch(() => null)))
  }
  return response
}

/** Saves a fetched file under the name its Content-Disposition gives (else `fallbackName`); returns that name. */
export async function saveAsFile(response: Response, fallbackName: string): Promise<string> {
  const name = response.headers.get('Content-Disposition')?.match(/filename="([^"]+)"/)?.[1] ?? fallbackName
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}
