import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { jobKeys, songKeys } from '@/api/query-keys'
import type { Job } from '@/api/types'

export function startAnalysis(songId: string): Promise<Job> {
  return api.post<Job>(buildPath(apiRoutes.analyze, { song_id: songId }))
}

export function useStartAnalysis() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: startAnalysis,
    onSuccess: (job, songId) => {
      queryClient.setQueryData(jobKeys.detail(job.id), job)
      void queryClient.invalidateQueries({ queryKey: songKeys.detail(songId), exact: true })
    },
  })
}
