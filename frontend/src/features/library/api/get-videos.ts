import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes } from '@/api/paths'
import { videoKeys } from '@/api/query-keys'
import type { VideoSummary } from '@/api/types'

export function getVideos(signal?: AbortSignal): Promise<VideoSummary[]> {
  return api.get<VideoSummary[]>(apiRoutes.videos, signal)
}

export const videosQueryOptions = () => queryOptions({ queryKey: videoKeys.list(), queryFn: ({ signal }) => getVideos(signal) })

export function useVideos() {
  return useQuery(videosQueryOptions())
}
