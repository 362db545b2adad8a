import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'

type Tone = 'error' | 'info' | 'warning' | 'success'

const TONES: Record<Tone, string> = {
  error: 'border-danger/50 bg-danger/10 text-[#ffc2cc]',
  warning: 'border-magenta/40 bg-magenta/10 text-[#ffd6fd]',
  info: 'border-violet/40 bg-violet/10 text-[#d8d7ff]',
  success: 'border-aqua/40 bg-aqua/10 text-[#b8fffb]',
}

export function Alert({ tone = 'error', title, children, className }: { tone?: Tone; title?: string; children?: ReactNode; className?: string }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={cn('rounded-xl border px-4 py-3 text-sm', TONES[tone], className)}>
      {title && <p className="font-semibold text-ink">{title}</p>}
      {children && <div className={title ? 'mt-0.5' : undefined}>{children}</div>}
    </div>
  )
}
