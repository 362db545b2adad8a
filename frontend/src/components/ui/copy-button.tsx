import { useEffect, useRef, useState } from 'react'
import { Button, type ButtonProps } from './button'
import { absoluteUrl, copyText } from '@/lib/clipboard'

interface CopyButtonProps extends Omit<ButtonProps, 'onClick'> {
  text: string
  label?: string
}

/** Copies a link and says "Copied" for a moment, announced to screen readers. */
export function CopyLinkButton({ text, label = 'Copy share link', children, ...rest }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const timer = useRef<number | undefined>(undefined)
  useEffect(() => () => window.clearTimeout(timer.current), [])

  async function copy() {
    try {
      await copyText(absoluteUrl(text))
      setState('copied')
    } catch {
      setState('failed')
    }
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => setState('idle'), 2000)
  }

  return (
    <>
      {/* Once it says "Copied", the visible word names the button (its label must contain what it shows). */}
      <Button variant="secondary" aria-label={state === 'idle' ? label : undefined} onClick={copy} {...rest}>
        {state === 'copied' ? <CheckIcon /> : <LinkIcon />}
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : (children ?? 'Share')}
      </Button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Link copied to the clipboard' : ''}
      </span>
    </>
  )
}

function LinkIcon() {
  return (
    <svg viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <path d="M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5l-1 1" strokeLinecap="round" />
      <path d="M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1" strokeLinecap="round" />
    </svg>
  )
}

function CheckIcon() {
  return (
    <svg viewBox="0 0 20 20" className="size-4 text-aqua" fill="none" stroke="currentColor" strokeWidth="2.2" aria-hidden="true">
      <path d="M4.5 10.5l3.5 3.5 7.5-8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
