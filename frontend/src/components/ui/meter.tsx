import { cn } from '@/lib/cn'

export interface MeterProps {
  label: string
  value: number
  max: number
  /** What a person reads, e.g. "3 of 15" or "1.2 GB of 5 GB". */
  valueText: string
}

export function Meter({ label, value, max, valueText }: MeterProps) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0
  const nearlyFull = ratio >= 0.9
  return (
    <div>
      <div className="mb-1.5 flex items-baseline justify-between gap-3 text-sm">
        <span className="text-muted">{label}</span>
        <span className={cn('tabular-nums', nearlyFull ? 'text-danger' : 'text-ink')}>{valueText}</span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={valueText}
        className="h-2 overflow-hidden rounded-full bg-white/8"
      >
        <div
          className={cn('h-full rounded-full', nearlyFull ? 'bg-danger' : 'bg-gradient-to-r from-violet to-aqua')}
          style={{ width: `${ratio * 100}%` }}
        />
      </div>
    </div>
  )
}
