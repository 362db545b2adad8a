import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes } from '@/api/paths'
import { userKeys } from '@/api/query-keys'
import type { Credentials, Token } from '@/api/types'
import { session } from '@/lib/session'

export function login(credentials: Credentials): Promise<Token> {
  return api.post<Token>(apiRoutes.login, credentials)
}

export function register(credentials: Credentials): Promise<Token> {
  return api.post<Token>(apiRoutes.register, credentials)
}

/** Signs in or registers; on success stores the token and seeds the current user. */
export function useSignIn(mode: 'login' | 'register') {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (credentials: Credentials) => (mode === 'login' ? login(credentials) : register(credentials)),
    onSuccess: (token) => {
      queryClient.clear()
      session.setToken(token.access_token)
      queryClient.setQueryData(userKeys.me(), token.user)
    },
  })
}
