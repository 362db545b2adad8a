import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { userKeys, videoKeys } from '@/api/query-keys'
import type { Video } from '@/api/types'

export function finalizeVideo(videoId: string): Promise<Video> {
  return api.post<Video>(buildPath(apiRoutes.finalize, { video_id: videoId }))
}

export function useFinalizeVideo(videoId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => finalizeVideo(videoId),
    onSuccess: (video) => {
      queryClient.setQueryData(videoKeys.detail(videoId), (old: Video | undefined) => ({ ...old, ...video }))
      void queryClient.invalidateQueries({ queryKey: videoKeys.detail(videoId) })
      void queryClient.invalidateQueries({ queryKey: videoKeys.list() })
      void queryClient.invalidateQueries({ queryKey: userKeys.me() })
    },
  })
}
