import { cn } from '@/lib/cn'

export interface ProgressBarProps {
  /** 0–100 */
  value: number
  label: string
  showValue?: boolean
  tone?: 'violet' | 'aqua' | 'danger'
  className?: string
}

const TONES = {
  violet: 'bg-gradient-to-r from-violet to-magenta',
  aqua: 'bg-gradient-to-r from-violet to-aqua',
  danger: 'bg-danger',
}

export function ProgressBar({ value, label, showValue = true, tone = 'violet', className }: ProgressBarProps) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)))
  return (
    <div className={cn('w-full', className)}>
      <div className="mb-1.5 flex items-baseline justify-between gap-3 text-sm">
        <span className="text-muted">{label}</span>
        {showValue && <span className="font-display font-semibold tabular-nums text-ink">{clamped}%</span>}
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
        className="h-2.5 overflow-hidden rounded-full bg-white/8"
      >
        <div
          className={cn('h-full rounded-full transition-[width] duration-500 ease-out', TONES[tone])}
          style={{ width: `${clamped}%` }}
        />
      </div>
    </div>
  )
}
