import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { uploadForm } from '@/api/upload'
import type { components } from '@/api/generated/schema'

export type MediaItem = components['schemas']['MediaOut']
export type SavedSection = components['schemas']['SectionOut']

export const mediaKeys = {
  all: ['media'] as const,
  song: (songId: string) => [...mediaKeys.all, songId] as const,
  sections: (songId: string) => [...mediaKeys.all, songId, 'sections'] as const,
}

export function useMediaShelf(songId: string) {
  return useQuery({
    queryKey: mediaKeys.song(songId),
    queryFn: () => api.get<MediaItem[]>(buildPath(apiRoutes.media, { song_id: songId })),
  })
}

/** The song's saved sections (with ids), the places an item can be put. */
export function useSavedSections(songId: string) {
  return useQuery({
    queryKey: mediaKeys.sections(songId),
    queryFn: () => api.get<SavedSection[]>(buildPath(apiRoutes.sections, { song_id: songId })),
  })
}

export function useUploadMedia(songId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress?: (share: number) => void }) => {
      const form = new FormData()
      form.append('file', file)
      return uploadForm<MediaItem>(buildPath(apiRoutes.media, { song_id: songId }), form, {
        onProgress: (p) => onProgress?.(p.total ? p.loaded / p.total : 0),
      })
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: mediaKeys.song(songId) }),
  })
}

export function usePlaceMedia(songId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ mediaId, sectionId }: { mediaId: string; sectionId: string | null }) =>
      api.patch<MediaItem>(buildPath(apiRoutes.mediaItem, { song_id: songId, media_id: mediaId }), { section_id: sectionId }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: mediaKeys.song(songId) }),
  })
}

export function useDeleteMedia(songId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (mediaId: string) => api.delete(buildPath(apiRoutes.mediaItem, { song_id: songId, media_id: mediaId })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: mediaKeys.song(songId) }),
  })
}
