import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { Section, SectionDraft } from '@/api/types'

export function saveSections(songId: string, sections: SectionDraft[]): Promise<Section[]> {
  return api.post<Section[]>(buildPath(apiRoutes.sections, { song_id: songId }), { sections })
}

export function useSaveSections(songId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (sections: SectionDraft[]) => saveSections(songId, sections),
    onSuccess: (stored) => queryClient.setQueryData(songKeys.sections(songId), stored),
  })
}
