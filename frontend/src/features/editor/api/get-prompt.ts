import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { PromptInfo } from '@/api/types'

export function getPrompt(songId: string, signal?: AbortSignal): Promise<PromptInfo> {
  return api.get<PromptInfo>(buildPath(apiRoutes.prompt, { song_id: songId }), signal)
}

export const promptQueryOptions = (songId: string) =>
  queryOptions({ queryKey: songKeys.prompt(songId), queryFn: ({ signal }) => getPrompt(songId, signal) })

export function usePrompt(songId: string, enabled = true) {
  return useQuery({ ...promptQueryOptions(songId), enabled })
}
