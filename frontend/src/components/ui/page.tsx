import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'

export function PageHeader({ title, eyebrow, description, actions }: { title: string; eyebrow?: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-col gap-4 sm:mb-8 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0">
        {eyebrow && <div className="mb-2 text-xs font-semibold tracking-[0.14em] text-violet-soft uppercase">{eyebrow}</div>}
        <h1 className="truncate font-display text-2xl font-semibold text-ink sm:text-3xl">{title}</h1>
        {description && <div className="mt-2 max-w-2xl text-sm leading-relaxed text-muted sm:text-base">{description}</div>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </header>
  )
}

export function PageContainer({ children, className, wide = false }: { children: ReactNode; className?: string; wide?: boolean }) {
  return <div className={cn('mx-auto w-full px-4 py-6 sm:px-6 sm:py-10', wide ? 'max-w-7xl' : 'max-w-5xl', className)}>{children}</div>
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center rounded-card border border-dashed border-line bg-surface/60 px-6 py-14 text-center">
      <div aria-hidden="true" className="mb-4 grid size-14 place-items-center rounded-2xl bg-gradient-to-br from-violet/30 to-magenta/20">
        <svg viewBox="0 0 24 24" className="size-7 text-ink" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M9 18V6l11-2v12" strokeLinejoin="round" />
          <circle cx="6" cy="18" r="3" />
          <circle cx="17" cy="16" r="3" />
        </svg>
      </div>
      <h2 className="font-display text-lg font-semibold text-ink">{title}</h2>
      {children && <div className="mt-2 max-w-md text-sm text-muted">{children}</div>}
      {action && <div className="mt-6">{action}</div>}
    </div>
  )
}

export function LoadingBlock({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="flex min-h-48 items-center justify-center text-violet-soft">
      <span role="status" className="inline-flex items-center gap-3">
        <svg className="size-5 animate-spin" viewBox="0 0 24 24" fill="none" aria-hidden="true">
          <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
          <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
        </svg>
        <span className="text-sm text-muted">{label}</span>
      </span>
    </div>
  )
}
