import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { jobKeys } from '@/api/query-keys'
import type { Job } from '@/api/types'

export type RegenerationScope = 'section' | 'clip'

/** Regenerate a clip or section; a note (what to show this time) is drawn by the renderer. */
export function regenerate(videoId: string, scope: RegenerationScope, targetId: string, note?: string): Promise<Job> {
  const path =
    scope === 'section'
      ? buildPath(apiRoutes.regenerateSection, { video_id: videoId, section_id: targetId })
      : buildPath(apiRoutes.regenerateClip, { video_id: videoId, clip_id: targetId })
  const trimmed = note?.trim()
  return api.post<Job>(path, trimmed ? { note: trimmed } : undefined)
}

export function useRegenerate(videoId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ scope, targetId, note }: { scope: RegenerationScope; targetId: string; note?: string }) =>
      regenerate(videoId, scope, targetId, note),
    onSuccess: (job) => queryClient.setQueryData(jobKeys.detail(job.id), job),
  })
}
