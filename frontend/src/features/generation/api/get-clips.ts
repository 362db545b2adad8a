import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { Clip } from '@/api/types'

export function getClips(songId: string, signal?: AbortSignal): Promise<Clip[]> {
  return api.get<Clip[]>(buildPath(apiRoutes.clips, { song_id: songId }), signal)
}

export const clipsQueryOptions = (songId: string) =>
  queryOptions({ queryKey: songKeys.clips(songId), queryFn: ({ signal }) => getClips(songId, signal), staleTime: 0 })

/** Polls the clips while generation runs so the grid fills in as they finish. */
export function useClips(songId: string, polling: boolean) {
  return useQuery({ ...clipsQueryOptions(songId), refetchInterval: polling ? 2500 : false })
}
