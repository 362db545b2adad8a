import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { Song } from '@/api/types'

export function getSongs(signal?: AbortSignal): Promise<Song[]> {
  return api.get<Song[]>(apiRoutes.songs, signal)
}

export const songsQueryOptions = () => queryOptions({ queryKey: songKeys.list(), queryFn: ({ signal }) => getSongs(signal) })

export function useSongs() {
  return useQuery(songsQueryOptions())
}
