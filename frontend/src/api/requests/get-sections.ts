import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../client'
import { apiRoutes, buildPath } from '../paths'
import { songKeys } from '../query-keys'
import type { Section } from '../types'

export function getSections(songId: string, signal?: AbortSignal): Promise<Section[]> {
  return api.get<Section[]>(buildPath(apiRoutes.sections, { song_id: songId }), signal)
}

export const sectionsQueryOptions = (songId: string) =>
  queryOptions({ queryKey: songKeys.sections(songId), queryFn: ({ signal }) => getSections(songId, signal) })

export function useSections(songId: string, enabled = true) {
  return useQuery({ ...sectionsQueryOptions(songId), enabled })
}
