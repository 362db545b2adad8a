import type { Estimate } from '@/api/types'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { formatUsd, formatWaitRange } from '@/lib/format'

interface Props {
  estimate: Estimate | null
  onCancel: () => void
  onConfirm: () => void
  pending: boolean
  error: string | null
}

export function GenerationEstimateDialog({ estimate, onCancel, onConfirm, pending, error }: Props) {
  return (
    <Dialog
      open={estimate !== null}
      title="Generate your video?"
      description="Sections and the prompt are locked once generation starts. You can still regenerate single clips or sections afterwards."
      onClose={onCancel}
      busy={pending}
      footer={
        <>
          <Button variant="ghost" onClick={onCancel} disabled={pending}>
            Keep editing
          </Button>
          <Button onClick={onConfirm} loading={pending}>
            Start generating
          </Button>
        </>
      }
    >
      {estimate && (
        <dl className="grid grid-cols-3 gap-3">
          <EstimateFigure label="Clips" value={String(estimate.clip_count)} />
          <EstimateFigure label="Time" value={formatWaitRange(estimate)} />
          <EstimateFigure label="Cost" value={formatUsd(estimate.estimated_cost_usd)} />
        </dl>
      )}
      {estimate && (
        <p className="mt-3 text-xs text-muted">
          {estimate.total_seconds.toFixed(1)} s of video, made {estimate.provider_label || estimate.provider}.{' '}
          {estimate.measured_rounds > 0
            ? `The time comes from the last ${estimate.measured_rounds === 1 ? 'video' : `${estimate.measured_rounds} videos`} made here.`
            : 'No video has been made here yet, so the time is a rough guess.'}
        </p>
      )}
      {error && <Alert className="mt-4">{error}</Alert>}
    </Dialog>
  )
}

function EstimateFigure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl border border-line bg-night/50 p-3 text-center">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="mt-1 font-display text-xl font-semibold text-ink">{value}</dd>
    </div>
  )
}
