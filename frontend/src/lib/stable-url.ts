import { useRef } from 'react'

/** A URL without its query: for a signed URL, the file it points at. */
export function urlPath(url: string): string {
  const cut = url.search(/[?#]/)
  return cut === -1 ? url : url.slice(0, cut)
}

/**
 * The API signs file URLs afresh on every answer, so each refetch brings a new query string for
 * the same file. Keeping the first URL until the path changes stops media elements from reloading.
 */
export function useStableUrl<T extends string | null | undefined>(url: T): T {
  const kept = useRef(url)
  if (url !== kept.current && (!url || !kept.current || urlPath(url) !== urlPath(kept.current))) kept.current = url
  return kept.current
}
