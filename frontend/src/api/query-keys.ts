/** Query keys, one factory per resource; components never spell a key by hand. */
export const userKeys = {
  all: ['users'] as const,
  me: () => [...userKeys.all, 'me'] as const,
}

export const songKeys = {
  all: ['songs'] as const,
  list: () => [...songKeys.all, 'list'] as const,
  detail: (songId: string) => [...songKeys.all, 'detail', songId] as const,
  analysis: (songId: string) => [...songKeys.detail(songId), 'analysis'] as const,
  lyrics: (songId: string) => [...songKeys.detail(songId), 'lyrics'] as const,
  prompt: (songId: string) => [...songKeys.detail(songId), 'prompt'] as const,
  sections: (songId: string) => [...songKeys.detail(songId), 'sections'] as const,
  clips: (songId: string) => [...songKeys.detail(songId), 'clips'] as const,
  estimate: (songId: string) => [...songKeys.detail(songId), 'estimate'] as const,
  generationStatus: (songId: string) => [...songKeys.detail(songId), 'generation-status'] as const,
}

export const jobKeys = {
  all: ['jobs'] as const,
  detail: (jobId: string) => [...jobKeys.all, jobId] as const,
}

export const videoKeys = {
  all: ['videos'] as const,
  list: () => [...videoKeys.all, 'list'] as const,
  detail: (videoId: string) => [...videoKeys.all, 'detail', videoId] as const,
}

export const shareKeys = {
  all: ['share'] as const,
  detail: (token: string) => [...shareKeys.all, token] as const,
}
