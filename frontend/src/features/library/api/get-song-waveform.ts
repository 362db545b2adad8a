import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { Analysis } from '@/api/types'

export function getSongAnalysis(songId: string, signal?: AbortSignal): Promise<Analysis> {
  return api.get<Analysis>(buildPath(apiRoutes.analysis, { song_id: songId }), signal)
}

/** The analysis (shared cache with the editor), read here only for the card's waveform. */
export const songAnalysisQueryOptions = (songId: string) =>
  queryOptions({ queryKey: songKeys.analysis(songId), queryFn: ({ signal }) => getSongAnalysis(songId, signal), staleTime: Infinity })

export function useSongWaveform(songId: string, enabled: boolean): number[] | undefined {
  const query = useQuery({ ...songAnalysisQueryOptions(songId), enabled })
  return query.data?.waveform as number[] | undefined
}
