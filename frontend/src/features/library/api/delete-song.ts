import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys, userKeys, videoKeys } from '@/api/query-keys'
import type { Song, VideoSummary } from '@/api/types'

export function deleteSong(songId: string): Promise<void> {
  return api.delete(buildPath(apiRoutes.song, { song_id: songId }))
}

/** Deletes a song with its analysis and videos; the library and quota refresh. */
export function useDeleteSong() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteSong,
    onSuccess: (_, songId) => {
      queryClient.setQueryData(songKeys.list(), (old: Song[] | undefined) => old?.filter((s) => s.id !== songId))
      queryClient.setQueryData(videoKeys.list(), (old: VideoSummary[] | undefined) => old?.filter((v) => v.song_id !== songId))
      queryClient.removeQueries({ queryKey: songKeys.detail(songId) })
      void queryClient.invalidateQueries({ queryKey: songKeys.list() })
      void queryClient.invalidateQueries({ queryKey: videoKeys.list() })
      void queryClient.invalidateQueries({ queryKey: userKeys.me() })
    },
  })
}
