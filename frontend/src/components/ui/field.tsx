import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { cn } from '@/lib/cn'

export const controlClass =
  'w-full rounded-xl border border-line bg-night/60 px-3.5 text-sm text-ink placeholder:text-muted/70 transition-colors hover:border-[#3a3a4a] focus-visible:border-violet focus-visible:outline-2 focus-visible:outline-offset-0 disabled:opacity-60 aria-[invalid=true]:border-danger'

interface FieldChrome {
  label: string
  hint?: ReactNode
  error?: string | null
  /** Visually hidden label, still announced. */
  hideLabel?: boolean
}

function FieldFrame({ id, label, hint, error, hideLabel, children }: FieldChrome & { id: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className={cn('text-sm font-medium text-ink', hideLabel && 'sr-only')}>
        {label}
      </label>
      {children}
      {hint && !error && (
        <div id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  )
}

function describedBy(id: string, hint: unknown, error: unknown) {
  if (error) return `${id}-error`
  if (hint) return `${id}-hint`
  return undefined
}

export const TextField = forwardRef<HTMLInputElement, FieldChrome & InputHTMLAttributes<HTMLInputElement>>(function TextField(
  { label, hint, error, hideLabel, className, id: givenId, ...rest },
  ref,
) {
  const autoId = useId()
  const id = givenId ?? autoId
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} hideLabel={hideLabel}>
      <input
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={cn(controlClass, 'h-11', className)}
        {...rest}
      />
    </FieldFrame>
  )
})

export function TextAreaField({ label, hint, error, hideLabel, className, id: givenId, ...rest }: FieldChrome & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const autoId = useId()
  const id = givenId ?? autoId
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} hideLabel={hideLabel}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={cn(controlClass, 'min-h-24 py-2.5 leading-relaxed', className)}
        {...rest}
      />
    </FieldFrame>
  )
}

export function SelectField({ label, hint, error, hideLabel, className, id: givenId, children, ...rest }: FieldChrome & SelectHTMLAttributes<HTMLSelectElement>) {
  const autoId = useId()
  const id = givenId ?? autoId
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} hideLabel={hideLabel}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={cn(controlClass, 'h-11 appearance-none bg-[url(data:image/svg+xml;utf8,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%20viewBox=%220%200%2020%2020%22%20fill=%22%23B6B6C9%22%3E%3Cpath%20d=%22M5.5%207.5l4.5%204.5%204.5-4.5%22%20stroke=%22%23B6B6C9%22%20stroke-width=%221.6%22%20fill=%22none%22/%3E%3C/svg%3E)] bg-[length:18px] bg-[right_12px_center] bg-no-repeat pr-10', className)}
        {...rest}
      >
        {children}
      </select>
    </FieldFrame>
  )
}
