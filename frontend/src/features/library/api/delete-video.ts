import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys, userKeys, videoKeys } from '@/api/query-keys'
import type { VideoSummary } from '@/api/types'

export function deleteVideo(videoId: string): Promise<void> {
  return api.delete(buildPath(apiRoutes.video, { video_id: videoId }))
}

export function useDeleteVideo() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteVideo,
    onSuccess: (_, videoId) => {
      queryClient.setQueryData(videoKeys.list(), (old: VideoSummary[] | undefined) => old?.filter((v) => v.id !== videoId))
      queryClient.removeQueries({ queryKey: videoKeys.detail(videoId) })
      void queryClient.invalidateQueries({ queryKey: videoKeys.list() })
      void queryClient.invalidateQueries({ queryKey: userKeys.me() })
      void queryClient.invalidateQueries({ queryKey: songKeys.list() })
    },
  })
}
