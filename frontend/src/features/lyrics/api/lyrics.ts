import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/api/client'
import { apiRoutes, buildPath } from '@/api/paths'
import { songKeys } from '@/api/query-keys'
import type { CaptionFormat, Job, LyricLine, Lyrics, Song } from '@/api/types'

export function getLyrics(songId: string, signal?: AbortSignal): Promise<Lyrics> {
  return api.get<Lyrics>(buildPath(apiRoutes.lyrics, { song_id: songId }), signal)
}

const LYRICS_POLL_MS = 1000

export const lyricsQueryOptions = (songId: string) =>
  queryOptions({
    queryKey: songKeys.lyrics(songId),
    queryFn: ({ signal }) => getLyrics(songId, signal),
    // While an alignment runs the lines and its progress change; afterwards they only change by our own edits.
    refetchInterval: (query) => {
      const status = query.state.data?.job?.status
      return status === 'queued' || status === 'processing' ? LYRICS_POLL_MS : false
    },
  })

export function useLyrics(songId: string, enabled = true) {
  return useQuery({ ...lyricsQueryOptions(songId), enabled })
}

/** Store the pasted words (plain text, blank lines between stanzas). */
export function saveLyricsText(songId: string, text: string): Promise<Song> {
  return api.put<Song>(buildPath(apiRoutes.lyrics, { song_id: songId }), { text })
}

/** Save the words, then align them as a job of their own; the lyrics query follows the job. */
export function useSaveAndAlign(songId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (text: string) => {
      await saveLyricsText(songId, text)
      return api.post<Job>(buildPath(apiRoutes.lyricsAlign, { song_id: songId }))
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: songKeys.lyrics(songId) }),
  })
}

export function useSaveLines(songId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (lines: LyricLine[]) => api.put<Lyrics>(buildPath(apiRoutes.lyricsLines, { song_id: songId }), { lines }),
    onSuccess: (saved) => {
      queryClient.setQueryData(songKeys.lyrics(songId), saved)
      // The player, sections and captions read the lines from the analysis.
      queryClient.invalidateQueries({ queryKey: songKeys.analysis(songId) })
      queryClient.invalidateQueries({ queryKey: songKeys.sections(songId) })
    },
  })
}

export function songCaptionsUrl(songId: string, fmt: CaptionFormat): string {
  return buildPath(apiRoutes.songCaptions, { song_id: songId, fmt })
}

export function videoCaptionsUrl(videoId: string, fmt: CaptionFormat): string {
  return buildPath(apiRoutes.videoCaptions, { video_id: videoId, fmt })
}

export function shareCaptionsUrl(token: string, fmt: CaptionFormat): string {
  return buildPath(apiRoutes.shareCaptions, { token, fmt })
}
