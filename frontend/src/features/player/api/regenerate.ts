import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { jobKeys } from '@/api/query-keys'
import type { Job } from '@/api/types'

export type RegenerationScope = 'section' | 'clip'

export function regenerate(videoId: string, scope: RegenerationScope, targetId: string): Promise<Job> {
  const path =
    scope === 'section'
      ? buildPath(apiRoutes.regenerateSection, { video_id: videoId, section_id: targetId })
      : buildPath(apiRoutes.regenerateClip, { video_id: videoId, clip_id: targetId })
  return api.post<Job>(path)
}

export function useRegenerate(videoId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ scope, targetId }: { scope: RegenerationScope; targetId: string }) => regenerate(videoId, scope, targetId),
    onSuccess: (job) => queryClient.setQueryData(jobKeys.detail(job.id), job),
  })
}
