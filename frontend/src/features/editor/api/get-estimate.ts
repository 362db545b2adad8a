import { queryOptions } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { Estimate } from '@/api/types'

export function getEstimate(songId: string, signal?: AbortSignal): Promise<Estimate> {
  return api.get<Estimate>(buildPath(apiRoutes.clipsEstimate, { song_id: songId }), signal)
}

export const estimateQueryOptions = (songId: string) =>
  queryOptions({ queryKey: songKeys.estimate(songId), queryFn: ({ signal }) => getEstimate(songId, signal), staleTime: 0 })
