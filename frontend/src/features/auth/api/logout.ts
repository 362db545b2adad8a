import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { api } from '@/api/client'
import { apiRoutes } from '@/api/paths'
import { session } from '@/lib/session'

export function logout(): Promise<void> {
  return api.post<void>(apiRoutes.logout)
}

/** Revokes the token on the server, then forgets it locally whatever the answer, and shows the sign-in page. */
export function useLogout() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      session.clear()
      queryClient.clear()
      // Signed out at "/" the landing page would show; someone who just signed out expects the way back in.
      void navigate('/sign-in', { replace: true })
    },
  })
}
