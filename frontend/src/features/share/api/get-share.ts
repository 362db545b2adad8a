import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { shareKeys } from '@/api/query-keys'
import type { Share } from '@/api/types'

export function getShare(token: string, signal?: AbortSignal): Promise<Share> {
  return api.get<Share>(buildPath(apiRoutes.share, { token }), signal)
}

export const shareQueryOptions = (token: string) =>
  queryOptions({ queryKey: shareKeys.detail(token), queryFn: ({ signal }) => getShare(token, signal) })

export function useShare(token: string) {
  return useQuery(shareQueryOptions(token))
}
