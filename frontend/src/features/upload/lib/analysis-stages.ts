/** The milestones the analysis job reports in `stage`, in order. */
export const ANALYSIS_STAGES = [
  { id: 'decoded', label: 'Decoding the audio' },
  { id: 'beats', label: 'Finding tempo and beats' },
  { id: 'structure', label: 'Mapping the song structure' },
  { id: 'genre_mood', label: 'Reading genre and mood' },
  { id: 'lyrics', label: 'Transcribing lyrics' },
  { id: 'saved', label: 'Saving the analysis' },
] as const

export type StageState = 'done' | 'active' | 'pending'

/** A milestone is done once the job has reported it (or a later one); the next one is in progress. */
export function stageStates(reportedStage: string | undefined, finished: boolean): StageState[] {
  const reached = ANALYSIS_STAGES.findIndex((s) => s.id === reportedStage)
  return ANALYSIS_STAGES.map((_, index) => {
    if (finished || index <= reached) return 'done'
    return index === reached + 1 ? 'active' : 'pending'
  })
}
