import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { Job } from '@/api/types'

export function retryClip(songId: string, clipId: string): Promise<Job> {
  return api.post<Job>(buildPath(apiRoutes.clipRetry, { song_id: songId, clip_id: clipId }))
}

export function useRetryClip(songId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (clipId: string) => retryClip(songId, clipId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: songKeys.clips(songId) })
      void queryClient.invalidateQueries({ queryKey: songKeys.generationStatus(songId) })
    },
  })
}
