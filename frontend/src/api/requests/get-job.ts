import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../client'
import { apiRoutes, buildPath } from '../paths'
import { jobKeys } from '../query-keys'
import type { Job } from '../types'

export const JOB_POLL_MS = 1000

export function getJob(jobId: string, signal?: AbortSignal): Promise<Job> {
  return api.get<Job>(buildPath(apiRoutes.job, { job_id: jobId }), signal)
}

export function isJobFinished(job: Job | undefined): boolean {
  return job?.status === 'completed' || job?.status === 'failed'
}

export const jobQueryOptions = (jobId: string) =>
  queryOptions({
    queryKey: jobKeys.detail(jobId),
    queryFn: ({ signal }) => getJob(jobId, signal),
    // Poll until the job settles; the server is the only source of truth for progress.
    refetchInterval: (query) => (isJobFinished(query.state.data) ? false : JOB_POLL_MS),
  })

/** Polls one job while it runs. Pass null to stay idle. */
export function useJob(jobId: string | null) {
  return useQuery({ ...jobQueryOptions(jobId ?? ''), enabled: jobId !== null })
}
