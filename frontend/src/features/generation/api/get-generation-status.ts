import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { GenerationStatus } from '@/api/types'

export const GENERATION_POLL_MS = 1500

export function getGenerationStatus(songId: string, signal?: AbortSignal): Promise<GenerationStatus> {
  return api.get<GenerationStatus>(buildPath(apiRoutes.generationStatus, { song_id: songId }), signal)
}

export function isGenerationSettled(status: GenerationStatus | undefined): boolean {
  return status?.stage === 'completed' || status?.stage === 'failed'
}

export const generationStatusQueryOptions = (songId: string) =>
  queryOptions({
    queryKey: songKeys.generationStatus(songId),
    queryFn: ({ signal }) => getGenerationStatus(songId, signal),
    refetchInterval: (query) => (isGenerationSettled(query.state.data) ? false : GENERATION_POLL_MS),
    staleTime: 0,
  })

export function useGenerationStatus(songId: string) {
  return useQuery(generationStatusQueryOptions(songId))
}
