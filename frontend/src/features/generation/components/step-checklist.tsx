import { cn } from '@/lib/cn'
import type { GenerationStep } from '../lib/generation-steps'

const STATE_TEXT = { done: 'done', active: 'in progress', pending: 'waiting', failed: 'failed' } as const

export function StepChecklist({ steps }: { steps: GenerationStep[] }) {
  return (
    <ol aria-label="Generation steps" className="grid grid-cols-1 gap-2 sm:grid-cols-4">
      {steps.map((step) => (
        <li
          key={step.id}
          className={cn(
            'flex items-center gap-2.5 rounded-xl border px-3 py-2.5 text-sm',
            step.state === 'done' && 'border-aqua/30 bg-aqua/5 text-ink',
            step.state === 'active' && 'border-violet/50 bg-violet/10 text-ink',
            step.state === 'pending' && 'border-line text-muted',
            step.state === 'failed' && 'border-danger/50 bg-danger/10 text-ink',
          )}
        >
          <span
            aria-hidden="true"
            className={cn(
              'grid size-5 shrink-0 place-items-center rounded-full text-[11px] font-bold',
              step.state === 'done' && 'bg-aqua text-night',
              step.state === 'active' && 'border-2 border-violet-soft border-t-transparent animate-spin',
              step.state === 'pending' && 'border border-line',
              step.state === 'failed' && 'bg-danger text-night',
            )}
          >
            {step.state === 'done' ? '✓' : step.state === 'failed' ? '!' : ''}
          </span>
          <span>
            {step.label}
            <span className="sr-only"> — {STATE_TEXT[step.state]}</span>
          </span>
        </li>
      ))}
    </ol>
  )
}
