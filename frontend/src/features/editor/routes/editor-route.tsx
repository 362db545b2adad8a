import { Link, Navigate, useParams } from 'react-router'
import { errorMessage } from '@/api/client'
import { useSong } from '@/api/requests/get-song'
import { Alert } from '@/components/ui/alert'
import { LoadingBlock, PageContainer } from '@/components/ui/page'
import { useAnalysis } from '../api/get-analysis'
import { usePrompt } from '../api/get-prompt'
import { useSections } from '@/api/requests/get-sections'
import { EditorWorkspace } from '../components/editor-workspace'

export default function EditorRoute() {
  const { songId = '' } = useParams()
  const song = useSong(songId)
  const analyzed = song.data?.status === 'analyzed'
  const analysis = useAnalysis(songId, analyzed)
  const prompt = usePrompt(songId, analyzed)
  const sections = useSections(songId, analyzed)

  if (song.isError) return <LoadError message={errorMessage(song.error)} />
  if (song.data && (song.data.status === 'uploaded' || song.data.status === 'analyzing' || song.data.status === 'analysis_failed')) {
    return <Navigate to={`/songs/${songId}/analysis`} replace />
  }
  const failure = analysis.error ?? prompt.error ?? sections.error
  if (failure) return <LoadError message={errorMessage(failure)} />
  if (!song.data || !analysis.data || !prompt.data || !sections.data) return <LoadingBlock label="Opening the editor…" />

  return <EditorWorkspace song={song.data} analysis={analysis.data} promptInfo={prompt.data} storedSections={sections.data} />
}

function LoadError({ message }: { message: string }) {
  return (
    <PageContainer>
      <Alert title="We couldn’t open the editor">
        {message}{' '}
        <Link to="/" className="underline">
          Back to your library
        </Link>
      </Alert>
    </PageContainer>
  )
}
