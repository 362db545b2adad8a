import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'

type Tone = 'neutral' | 'violet' | 'magenta' | 'aqua' | 'danger'

const TONES: Record<Tone, string> = {
  neutral: 'border-line bg-white/5 text-muted',
  violet: 'border-violet/40 bg-violet/15 text-[#d0cfff]',
  magenta: 'border-magenta/40 bg-magenta/10 text-[#ffd0fd]',
  aqua: 'border-aqua/40 bg-aqua/10 text-[#aafffb]',
  danger: 'border-danger/50 bg-danger/10 text-[#ffc2cc]',
}

export function Chip({ tone = 'neutral', children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs font-medium', TONES[tone], className)}>
      {children}
    </span>
  )
}
