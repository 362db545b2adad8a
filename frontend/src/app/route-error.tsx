import { isRouteErrorResponse, useRouteError } from 'react-router'

/** Last-resort screen, e.g. a lazy chunk that failed to load after a deploy. */
export function RouteError() {
  const error = useRouteError()
  const message = isRouteErrorResponse(error) ? error.statusText : error instanceof Error ? error.message : 'Unknown error'
  return (
    <div className="flex min-h-dvh items-center justify-center px-4">
      <div className="max-w-md rounded-card border border-line bg-surface p-8 text-center">
        <h1 className="font-display text-2xl font-semibold text-ink">Something went wrong</h1>
        <p className="mt-2 text-sm text-muted">{message}</p>
        <button
          type="button"
          className="mt-6 h-10 rounded-xl bg-violet-strong px-4 text-sm font-medium text-white"
          onClick={() => window.location.reload()}
        >
          Reload the page
        </button>
      </div>
    </div>
  )
}
