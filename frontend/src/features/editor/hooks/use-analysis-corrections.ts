import { useMutation, useQueryClient } from '@tanstack/react-query'
import { getSections } from '@/api/requests/get-sections'
import { songKeys } from '@/api/query-keys'
import { correctGrid, tagsKey, updateTags, type GridCorrection, type TagsUpdate } from '../api/correct-analysis'
import { saveSections } from '../api/save-sections'
import { fromStored, toDrafts } from '../lib/editor-sections'
import type { SectionsEditor } from './use-sections-editor'

export interface AnalysisCorrections {
  correctGrid: (correction: GridCorrection) => void
  gridPending: boolean
  gridError: unknown
  updateTags: (update: TagsUpdate) => void
  tagsPending: boolean
  tagsError: unknown
}

/**
 * Grid and genre/mood corrections. The server moves stored sections onto a corrected grid and re-plans the
 * clips, so sections the editor has not saved yet are saved first and then read back in their new places.
 */
export function useAnalysisCorrections(songId: string, editor: SectionsEditor): AnalysisCorrections {
  const queryClient = useQueryClient()
  const refreshDerived = () => {
    for (const key of [songKeys.analysis(songId), songKeys.clips(songId), songKeys.estimate(songId), songKeys.prompt(songId)]) {
      void queryClient.invalidateQueries({ queryKey: key })
    }
  }

  const grid = useMutation({
    mutationFn: async (correction: GridCorrection) => {
      if (editor.dirty) {
        if (!editor.validation.valid) throw new Error('Fix the sections first: they move with the grid once they are valid.')
        await saveSections(songId, toDrafts(editor.sections))
      }
      const corrected = await correctGrid(songId, correction)
      return { corrected, sections: await getSections(songId) }
    },
    onSuccess: ({ sections }) => {
      queryClient.setQueryData(songKeys.sections(songId), sections)
      editor.replaceAll(fromStored(sections), { dirty: false })
      refreshDerived()
    },
  })

  const tags = useMutation({
    mutationFn: (update: TagsUpdate) => updateTags(songId, update),
    onSuccess: (info) => {
      queryClient.setQueryData(tagsKey(songId), info)
      refreshDerived()
    },
  })

  return {
    correctGrid: grid.mutate,
    gridPending: grid.isPending,
    gridError: grid.error,
    updateTags: tags.mutate,
    tagsPending: tags.isPending,
    tagsError: tags.error,
  }
}
