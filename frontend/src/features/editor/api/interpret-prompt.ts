import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { api } from '@/api/client'
import { apiRoutes } from '@/api/paths'
import type { components } from '@/api/generated/schema'

export type PromptReading = components['schemas']['InterpretOut']

export const promptReadingKeys = {
  all: ['prompt-reading'] as const,
  text: (text: string) => [...promptReadingKeys.all, text] as const,
}

export function interpretPrompt(text: string): Promise<PromptReading> {
  return api.post<PromptReading>(apiRoutes.promptInterpret, { text })
}

/** What the renderer reads from `text`, fetched a moment after the musician stops typing. */
export function usePromptReading(text: string, delayMs = 250) {
  const [settled, setSettled] = useState(text)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), delayMs)
    return () => clearTimeout(timer)
  }, [text, delayMs])
  return useQuery({
    queryKey: promptReadingKeys.text(settled),
    queryFn: () => interpretPrompt(settled),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  })
}
