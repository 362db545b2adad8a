import { useMutation, useQueryClient } from '@tanstack/react-query'
import { songKeys } from '@/api/query-keys'
import type { Estimate, SectionDraft } from '@/api/types'
import { estimateQueryOptions } from './get-estimate'
import { generateClips } from './generate-clips'
import { planClips } from './plan-clips'
import { saveSections } from './save-sections'

/** Step one of approval: store the sections, plan the clips, and price them for the confirm dialog. */
export function usePrepareGeneration(songId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (sections: SectionDraft[]): Promise<Estimate> => {
      const stored = await saveSections(songId, sections)
      queryClient.setQueryData(songKeys.sections(songId), stored)
      const clips = await planClips(songId)
      queryClient.setQueryData(songKeys.clips(songId), clips)
      return queryClient.fetchQuery(estimateQueryOptions(songId))
    },
  })
}

/** Step two, after the user confirms the estimate: start generating. */
export function useStartGeneration(songId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => generateClips(songId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: songKeys.detail(songId) })
    },
  })
}
