import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { videoKeys } from '@/api/query-keys'
import type { VideoSummary } from '@/api/types'

/** Turn a video's share link on (always a new link: renewing kills the old one) or off. */
export function setVideoShared({ videoId, shared }: { videoId: string; shared: boolean }): Promise<VideoSummary> {
  const path = buildPath(apiRoutes.videoShare, { video_id: videoId })
  return shared ? api.post<VideoSummary>(path) : api.delete<VideoSummary>(path)
}

export function useSetVideoShared() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: setVideoShared,
    onSuccess: (video) => {
      queryClient.setQueryData(videoKeys.list(), (old: VideoSummary[] | undefined) =>
        old?.map((v) => (v.id === video.id ? { ...v, shareable_url: video.shareable_url } : v)),
      )
      void queryClient.invalidateQueries({ queryKey: videoKeys.detail(video.id) })
    },
  })
}
