import type { ReactNode } from 'react'
import { Logo } from '@/components/ui/logo'

/** The centred card every signed-out page uses. */
export function AuthCard({ title, intro, children, footer }: { title: string; intro: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <div className="mb-8 flex justify-center">
          <Logo />
        </div>
        <main className="rounded-card border border-line bg-surface/90 p-6 shadow-[0_30px_80px_-30px_rgb(110_107_255/0.35)] sm:p-8">
          <h1 className="font-display text-2xl font-semibold text-ink">{title}</h1>
          <p className="mt-1.5 text-sm text-muted">{intro}</p>
          {children}
        </main>
        {footer && <p className="mt-6 text-center text-sm text-muted">{footer}</p>}
      </div>
    </div>
  )
}
