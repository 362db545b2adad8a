import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRoutes } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { Song } from '@/api/types'
import { uploadForm, type UploadProgress } from '@/api/upload'

export function uploadSong(file: File, onProgress?: (p: UploadProgress) => void, signal?: AbortSignal): Promise<Song> {
  const form = new FormData()
  form.append('file', file) // no title: the API makes one from the file name
  return uploadForm<Song>(apiRoutes.songs, form, { onProgress, signal })
}

export function useUploadSong(onProgress: (p: UploadProgress) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ file, signal }: { file: File; signal?: AbortSignal }) => uploadSong(file, onProgress, signal),
    onSuccess: (song) => {
      queryClient.setQueryData(songKeys.detail(song.id), song)
      void queryClient.invalidateQueries({ queryKey: songKeys.list() })
    },
  })
}
