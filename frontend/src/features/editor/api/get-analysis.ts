import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { Analysis } from '@/api/types'

export function getAnalysis(songId: string, signal?: AbortSignal): Promise<Analysis> {
  return api.get<Analysis>(buildPath(apiRoutes.analysis, { song_id: songId }), signal)
}

export const analysisQueryOptions = (songId: string) =>
  queryOptions({
    queryKey: songKeys.analysis(songId),
    queryFn: ({ signal }) => getAnalysis(songId, signal),
    // The analysis never changes once written.
    staleTime: Infinity,
  })

export function useAnalysis(songId: string, enabled = true) {
  return useQuery({ ...analysisQueryOptions(songId), enabled })
}
