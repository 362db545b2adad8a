import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes } from '@/api/paths'
import { userKeys } from '@/api/query-keys'
import type { components } from '@/api/generated/schema'
import type { Token } from '@/api/types'
import { session } from '@/lib/session'

export type PasswordResetRequested = components['schemas']['PasswordResetRequested']

export function requestPasswordReset(email: string): Promise<PasswordResetRequested> {
  return api.post<PasswordResetRequested>(apiRoutes.passwordReset, { email })
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset })
}

export function confirmPasswordReset(body: { token: string; password: string }): Promise<Token> {
  return api.post<Token>(apiRoutes.passwordResetConfirm, body)
}

/** Sets the new password with the link's token; the answer signs the user in. */
export function useConfirmPasswordReset() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: confirmPasswordReset,
    onSuccess: (token) => {
      queryClient.clear()
      session.setToken(token.access_token)
      queryClient.setQueryData(userKeys.me(), token.user)
    },
  })
}
