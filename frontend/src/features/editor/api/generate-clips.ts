import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import type { Job } from '@/api/types'

export function generateClips(songId: string): Promise<Job> {
  return api.post<Job>(buildPath(apiRoutes.clipsGenerate, { song_id: songId }))
}
