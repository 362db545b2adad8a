import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../client'
import { apiRoutes } from '../paths'
import { userKeys } from '../query-keys'
import type { User } from '../types'
import { useSessionToken } from '@/lib/session'

export function getMe(signal?: AbortSignal): Promise<User> {
  return api.get<User>(apiRoutes.me, signal)
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: userKeys.me(),
    queryFn: ({ signal }) => getMe(signal),
  })

export function useMe() {
  const token = useSessionToken()
  return useQuery({ ...meQueryOptions(), enabled: token !== null })
}
