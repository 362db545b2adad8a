import { lazy, Suspense, type ComponentType } from 'react'
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router'
import { LoadingBlock } from '@/components/ui/page'
import { useSessionToken } from '@/lib/session'
import { AppShell } from './app-shell'
import { RouteError } from './route-error'

/** Every page is its own chunk, so the first load carries only the shell. */
function page(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load)
  return (
    <Suspense fallback={<LoadingBlock />}>
      <Page />
    </Suspense>
  )
}

const landingPage = page(() => import('@/features/landing/routes/landing-route'))

function RequireAuth() {
  const token = useSessionToken()
  const location = useLocation()
  if (!token) {
    // Signed-out visitors at the front door meet the landing page; deeper links go to sign-in and come back.
    if (location.pathname === '/') return landingPage
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />
  }
  return <Outlet />
}

/** Sign-in and register pages; once a token exists, go where the user was headed (new accounts start with an upload). */
function GuestOnly() {
  const token = useSessionToken()
  const location = useLocation()
  if (token) {
    const from = (location.state as { from?: string } | null)?.from
    return <Navigate to={from ?? (location.pathname === '/register' ? '/upload' : '/')} replace />
  }
  return <Outlet />
}

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      {
        element: <GuestOnly />,
        children: [
          { path: '/sign-in', element: page(() => import('@/features/auth/routes/sign-in-route')) },
          { path: '/register', element: page(() => import('@/features/auth/routes/register-route')) },
          { path: '/forgot-password', element: page(() => import('@/features/auth/routes/forgot-password-route')) },
        ],
      },
      // Open whether signed in or not: the link from the message works in any browser.
      { path: '/reset-password', element: page(() => import('@/features/auth/routes/reset-password-route')) },
      { path: '/share/:token', element: page(() => import('@/features/share/routes/share-route')) },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppShell />,
            children: [
              { path: '/', element: page(() => import('@/features/library/routes/library-route')) },
              { path: '/upload', element: page(() => import('@/features/upload/routes/upload-route')) },
              { path: '/songs/:songId/analysis', element: page(() => import('@/features/upload/routes/analysis-progress-route')) },
              { path: '/songs/:songId/edit', element: page(() => import('@/features/editor/routes/editor-route')) },
              { path: '/songs/:songId/generation', element: page(() => import('@/features/generation/routes/generation-route')) },
              { path: '/videos/:videoId', element: page(() => import('@/features/player/routes/player-route')) },
              { path: '*', element: page(() => import('./not-found-route')) },
            ],
          },
        ],
      },
    ],
  },
])
