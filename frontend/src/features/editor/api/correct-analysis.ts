import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/api/client'
import type { components } from '@/api/generated/schema'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys } from '@/api/query-keys'

export type GridCorrection = components['schemas']['GridCorrectionIn']
export type CorrectedGrid = components['schemas']['BeatGridOut']
export type TagsInfo = components['schemas']['TagsOut']
export type TagsUpdate = components['schemas']['TagsIn']

/** Re-build the beat grid from the detection with this correction; the server re-snaps sections and re-plans clips. */
export function correctGrid(songId: string, correction: GridCorrection): Promise<CorrectedGrid> {
  return api.put<CorrectedGrid>(buildPath(apiRoutes.analysisGrid, { song_id: songId }), correction)
}

export function getTags(songId: string, signal?: AbortSignal): Promise<TagsInfo> {
  return api.get<TagsInfo>(buildPath(apiRoutes.analysisTags, { song_id: songId }), signal)
}

export function updateTags(songId: string, update: TagsUpdate): Promise<TagsInfo> {
  return api.put<TagsInfo>(buildPath(apiRoutes.analysisTags, { song_id: songId }), update)
}

export const tagsKey = (songId: string) => [...songKeys.analysis(songId), 'tags'] as const

export function useTags(songId: string) {
  return useQuery(queryOptions({ queryKey: tagsKey(songId), queryFn: ({ signal }) => getTags(songId, signal) }))
}
