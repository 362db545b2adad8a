import { Link } from 'react-router'
import { EmptyState, PageContainer } from '@/components/ui/page'

export default function NotFoundRoute() {
  return (
    <PageContainer>
      <EmptyState
        title="This page does not exist"
        action={
          <Link to="/" className="inline-flex h-10 items-center rounded-xl bg-violet-strong px-4 text-sm font-medium text-white">
            Back to your library
          </Link>
        }
      >
        The link may be old, or the video was deleted.
      </EmptyState>
    </PageContainer>
  )
}
