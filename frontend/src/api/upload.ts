import { ApiError, detailFromBody, handleUnauthorized } from './client'
import { session } from '@/lib/session'

export interface UploadProgress {
  loaded: number
  total: number
}

/**
 * POSTs multipart form data with XMLHttpRequest, because fetch reports no upload progress.
 * Errors follow the same `ApiError` shape as the JSON client.
 */
export function uploadForm<T>(
  path: string,
  form: FormData,
  { onProgress, signal }: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    const token = session.getToken()
    xhr.open('POST', path)
    xhr.setRequestHeader('Accept', 'application/json')
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`)

    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total })
    })
    xhr.addEventListener('load', () => {
      let body: unknown = null
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        body = null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T)
        return
      }
      handleUnauthorized(xhr.status, token !== null)
      reject(new ApiError(xhr.status, detailFromBody(xhr.status, body)))
    })
    xhr.addEventListener('error', () =>
      reject(new ApiError(0, 'The upload was interrupted. Check your connection and try again.')),
    )
    xhr.addEventListener('abort', () => reject(new DOMException('Upload cancelled', 'AbortError')))
    signal?.addEventListener('abort', () => xhr.abort())
    xhr.send(form)
  })
}
