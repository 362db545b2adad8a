import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../client'
import { apiRoutes, buildPath } from '../paths'
import { songKeys } from '../query-keys'
import type { Song } from '../types'

export function getSong(songId: string, signal?: AbortSignal): Promise<Song> {
  return api.get<Song>(buildPath(apiRoutes.song, { song_id: songId }), signal)
}

export const songQueryOptions = (songId: string) =>
  queryOptions({
    queryKey: songKeys.detail(songId),
    queryFn: ({ signal }) => getSong(songId, signal),
  })

export function useSong(songId: string) {
  return useQuery(songQueryOptions(songId))
}
