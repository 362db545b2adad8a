import { cn } from '@/lib/cn'

/** The mark and the wordmark; `wordmarkClassName` can hide the word where space is short. */
export function Logo({ wordmarkClassName }: { wordmarkClassName?: string }) {
  return (
    <span className="inline-flex items-center gap-2.5">
      <svg viewBox="0 0 32 32" className="size-8" aria-hidden="true">
        <defs>
          <linearGradient id="vc-logo" x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stopColor="#6E6BFF" />
            <stop offset="1" stopColor="#FF7EFA" />
          </linearGradient>
        </defs>
        <rect width="32" height="32" rx="9" fill="#1c1c29" />
        <path d="M6 18v-4M10 22V10M14 19v-6M18 25V7M22 20v-8M26 17v-2" stroke="url(#vc-logo)" strokeWidth="2.4" strokeLinecap="round" />
      </svg>
      <span className={cn('font-display text-lg font-semibold tracking-tight text-ink', wordmarkClassName)}>VibeCraft</span>
    </span>
  )
}
