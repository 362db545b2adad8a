import { Chip } from '@/components/ui/chip'
import type { PromptReading } from '../api/interpret-prompt'

const KIND_TONES = { colour: 'magenta', scene: 'violet', camera: 'aqua', light: 'neutral' } as const

/** Shows, live, which words the renderer understood, what each will do, and which words it does not know. */
export function PromptReadingPanel({ reading, pending }: { reading: PromptReading | undefined; pending?: boolean }) {
  if (!reading) return null
  return (
    <section aria-label="What the renderer understood" aria-busy={pending} className="flex flex-col gap-2 rounded-xl border border-line bg-white/[0.03] p-3 text-xs">
      <p className="font-medium text-ink" aria-live="polite">
        {reading.summary}
      </p>
      {reading.colour_hex.length > 0 && (
        <ul aria-label="Palette" className="flex gap-1.5">
          {reading.colours.map((name, i) => (
            <li key={name} className="flex items-center gap-1 text-muted">
              <span aria-hidden="true" className="inline-block h-4 w-4 rounded-full border border-white/20" style={{ backgroundColor: reading.colour_hex[i] }} />
              {name}
            </li>
          ))}
        </ul>
      )}
      {reading.understood.length > 0 && (
        <ul aria-label="Understood words" className="flex flex-wrap gap-1.5">
          {reading.understood.map((u, i) => (
            <li key={`${u.word}-${i}`}>
              <Chip tone={KIND_TONES[u.kind as keyof typeof KIND_TONES] ?? 'neutral'}>
                <span title={u.effect}>
                  {u.word} <span className="opacity-70">→ {u.effect}</span>
                </span>
              </Chip>
            </li>
          ))}
        </ul>
      )}
      {reading.unknown.length > 0 && (
        <p className="text-muted">
          <span className="font-medium">Not used by the local renderer:</span> {reading.unknown.join(', ')}
        </p>
      )}
    </section>
  )
}
