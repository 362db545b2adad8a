import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { videoKeys } from '@/api/query-keys'
import type { Video } from '@/api/types'

export function getVideo(videoId: string, signal?: AbortSignal): Promise<Video> {
  return api.get<Video>(buildPath(apiRoutes.video, { video_id: videoId }), signal)
}

export const videoQueryOptions = (videoId: string) =>
  queryOptions({ queryKey: videoKeys.detail(videoId), queryFn: ({ signal }) => getVideo(videoId, signal) })

export function useVideo(videoId: string) {
  return useQuery(videoQueryOptions(videoId))
}
