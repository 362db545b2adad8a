import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import type { Clip } from '@/api/types'

export function planClips(songId: string): Promise<Clip[]> {
  return api.post<Clip[]>(buildPath(apiRoutes.clipsPlan, { song_id: songId }))
}
