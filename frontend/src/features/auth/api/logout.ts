import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes } from '@/api/paths'
import { session } from '@/lib/session'

export function logout(): Promise<void> {
  return api.post<void>(apiRoutes.logout)
}

/** Revokes the token on the server, then forgets it locally whatever the answer. */
export function useLogout() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      session.clear()
      queryClient.clear()
    },
  })
}
