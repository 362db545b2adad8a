import type { ReactElement } from 'react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'

/** Renders with a fresh QueryClient that never retries, so failures show at once. */
export function renderWithClient(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
  return { client, ...render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>) }
}

/** A fetch stand-in that answers from a route table; every call is recorded. */
export function fakeFetch(routes: Record<string, (init: RequestInit | undefined) => { status?: number; body?: unknown }>) {
  const calls: { method: string; url: string }[] = []
  const fetchMock = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    const method = init?.method ?? 'GET'
    calls.push({ method, url })
    const handler = routes[`${method} ${url}`]
    const { status = 200, body = null } = handler ? handler(init) : { status: 404, body: { detail: `No fake for ${method} ${url}` } }
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  }
  return { fetchMock, calls }
}
