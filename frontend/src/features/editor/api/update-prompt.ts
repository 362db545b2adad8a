import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { PromptInfo, PromptUpdate } from '@/api/types'

export function updatePrompt(songId: string, update: PromptUpdate): Promise<PromptInfo> {
  return api.put<PromptInfo>(buildPath(apiRoutes.prompt, { song_id: songId }), update)
}

export function useUpdatePrompt(songId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (update: PromptUpdate) => updatePrompt(songId, update),
    onSuccess: (info) => {
      queryClient.setQueryData(songKeys.prompt(songId), info)
      void queryClient.invalidateQueries({ queryKey: songKeys.detail(songId), exact: true })
    },
  })
}
