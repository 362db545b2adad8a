import { useCallback, useMemo, useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import type { Analysis, PromptInfo, Section, Song } from '@/api/types'
import { errorMessage } from '@/api/client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { PageContainer, PageHeader } from '@/components/ui/page'
import { formatDuration } from '@/lib/format'
import { useStableUrl } from '@/lib/stable-url'
import { usePrepareGeneration, useStartGeneration } from '../api/approve-and-generate'
import { useSaveSections } from '../api/save-sections'
import { useAnalysisCorrections } from '../hooks/use-analysis-corrections'
import { useSectionsEditor } from '../hooks/use-sections-editor'
import { createBeatGrid } from '../lib/beat-grid'
import { fromStored, fromSuggested, toDrafts } from '../lib/editor-sections'
import { AnalysisSummary } from './analysis-summary'
import { GenerationEstimateDialog } from './generation-estimate-dialog'
import { LookSettings } from './look-settings'
import { MediaShelf } from './media-shelf'
import { SectionsPanel } from './sections-panel'
import { WaveformTimeline } from './waveform-timeline'
import { LyricsEditor } from '@/features/lyrics/components/lyrics-editor'

interface Props {
  song: Song
  analysis: Analysis
  promptInfo: PromptInfo
  storedSections: Section[]
}

export function EditorWorkspace({ song, analysis, promptInfo, storedSections }: Props) {
  const navigate = useNavigate()
  const grid = useMemo(
    () => createBeatGrid(analysis.beat_times, analysis.downbeat_times, analysis.duration_sec || song.duration_sec, analysis.bpm),
    [analysis, song.duration_sec],
  )
  const initial = useMemo(
    () => (storedSections.length > 0 ? fromStored(storedSections) : fromSuggested(analysis.suggested_sections, grid.duration)),
    // Only the first render's sections seed the editor; later saves come back through the editor itself.
    [],
  )
  // Suggested sections are not stored yet, so they start out unsaved.
  const editor = useSectionsEditor(initial, grid, { unsaved: storedSections.length === 0 })
  const corrections = useAnalysisCorrections(song.id, editor)
  const playheadRef = useRef(0)
  const getPlayheadTime = useCallback(() => playheadRef.current, [])
  const locked = song.locked
  const audioUrl = useStableUrl(song.audio_url)

  const save = useSaveSections(song.id)
  const prepare = usePrepareGeneration(song.id)
  const start = useStartGeneration(song.id)
  const [confirming, setConfirming] = useState(false)

  function saveSections() {
    save.mutate(toDrafts(editor.sections), {
      onSuccess: (stored) => editor.replaceAll(fromStored(stored), { dirty: false }),
    })
  }

  function approve() {
    start.reset()
    prepare.mutate(toDrafts(editor.sections), {
      onSuccess: () => {
        editor.markSaved()
        setConfirming(true)
      },
    })
  }

  function confirmGeneration() {
    start.mutate(undefined, { onSuccess: () => navigate(`/songs/${song.id}/generation`) })
  }

  const actionError = save.isError ? errorMessage(save.error) : prepare.isError ? errorMessage(prepare.error) : null

  return (
    <PageContainer wide>
      <PageHeader
        eyebrow="Analysis & sections"
        title={song.title}
        description={`${formatDuration(song.duration_sec)} · mark the song’s sections, describe the look, then generate.`}
        actions={
          locked ? (
            <Link to={`/songs/${song.id}/generation`} className="inline-flex h-10 items-center rounded-xl bg-violet-strong px-4 text-sm font-medium text-white">
              View generation
            </Link>
          ) : (
            <>
              <Button variant="secondary" onClick={saveSections} loading={save.isPending} disabled={!editor.validation.valid}>
                {editor.dirty ? 'Save sections' : 'Saved'}
              </Button>
              <Button onClick={approve} loading={prepare.isPending} disabled={!editor.validation.valid}>
                Approve &amp; Generate
              </Button>
            </>
          )
        }
      />
      {locked && (
        <Alert tone="info" className="mb-6">
          Generation has started, so sections and the prompt are fixed.
        </Alert>
      )}
      {actionError && (
        <Alert title="That didn’t work" className="mb-6">
          {actionError}
        </Alert>
      )}
      <div className="flex flex-col gap-6">
        <AnalysisSummary songId={song.id} analysis={analysis} locked={locked} corrections={corrections} />
        <Card className="flex flex-col gap-4">
          <WaveformTimeline
            audioUrl={audioUrl}
            peaks={analysis.waveform}
            grid={grid}
            sections={editor.sections}
            readOnly={locked}
            playheadRef={playheadRef}
            onBoundaryCommit={editor.moveBoundary}
          />
        </Card>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_380px]">
          <Card>
            <SectionsPanel
              editor={editor}
              lyrics={analysis.lyrics}
              getPlayheadTime={getPlayheadTime}
              onUseSuggested={() => editor.replaceAll(fromSuggested(analysis.suggested_sections, grid.duration))}
              readOnly={locked}
            />
          </Card>
          <div className="flex flex-col gap-6">
            <LookSettings songId={song.id} info={promptInfo} />
            <MediaShelf songId={song.id} readOnly={locked} />
          </div>
        </div>
        <Card>
          <LyricsEditor song={song} peaks={analysis.waveform} duration={analysis.duration_sec || song.duration_sec} />
        </Card>
        {!locked && (
          // On a phone the header's actions scroll away; the same two wait at the end of the page.
          <div className="flex flex-col gap-2 rounded-card border border-line bg-surface p-4 sm:flex-row sm:justify-end lg:hidden">
            <Button variant="secondary" onClick={saveSections} loading={save.isPending} disabled={!editor.validation.valid}>
              {editor.dirty ? 'Save sections' : 'Saved'}
            </Button>
            <Button onClick={approve} loading={prepare.isPending} disabled={!editor.validation.valid}>
              Approve &amp; Generate
            </Button>
          </div>
        )}
      </div>
      <GenerationEstimateDialog
        estimate={confirming ? (prepare.data ?? null) : null}
        onCancel={() => setConfirming(false)}
        onConfirm={confirmGeneration}
        pending={start.isPending}
        error={start.isError ? errorMessage(start.error) : null}
      />
    </PageContainer>
  )
}
