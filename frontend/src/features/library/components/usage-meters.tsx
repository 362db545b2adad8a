import type { Usage } from '@/api/types'
import { Card } from '@/components/ui/card'
import { Meter } from '@/components/ui/meter'
import { formatBytes } from '@/lib/format'

export function UsageMeters({ usage }: { usage: Usage }) {
  return (
    <Card className="grid grid-cols-1 gap-4 sm:grid-cols-2">
      <Meter label="Videos" value={usage.videos} max={usage.videos_limit} valueText={`${usage.videos} of ${usage.videos_limit}`} />
      <Meter
        label="Storage"
        value={usage.storage_bytes}
        max={usage.storage_limit_bytes}
        valueText={`${formatBytes(usage.storage_bytes)} of ${formatBytes(usage.storage_limit_bytes)}`}
      />
    </Card>
  )
}
