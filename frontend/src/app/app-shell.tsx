import { Link, NavLink, Outlet } from 'react-router'
import { Button } from '@/components/ui/button'
import { Logo } from '@/components/ui/logo'
import { useMe } from '@/api/requests/get-me'
import { cn } from '@/lib/cn'
import { useLogout } from '@/features/auth'

function navClass({ isActive }: { isActive: boolean }) {
  return cn(
    'rounded-lg px-3 py-1.5 text-sm font-medium transition-colors',
    isActive ? 'bg-white/8 text-ink' : 'text-muted hover:text-ink',
  )
}

export function AppShell() {
  const me = useMe()
  const logout = useLogout()

  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-surface focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-line/80 bg-night/80 backdrop-blur-md">
        <div className="mx-auto flex h-16 max-w-7xl items-center gap-3 px-4 sm:px-6">
          <Link to="/" aria-label="VibeCraft home" className="rounded-lg">
            <Logo wordmarkClassName="max-sm:sr-only" />
          </Link>
          <nav aria-label="Main" className="flex items-center gap-1 sm:ml-2">
            <NavLink to="/" end className={navClass}>
              Library
            </NavLink>
            <NavLink to="/upload" className={navClass}>
              New video
            </NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-2">
            {me.data && <span className="hidden max-w-48 truncate text-sm text-muted md:inline">{me.data.email}</span>}
            <Button size="sm" variant="ghost" onClick={() => logout.mutate()} loading={logout.isPending}>
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="flex-1">
        <Outlet />
      </main>
    </div>
  )
}
