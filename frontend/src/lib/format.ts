/** 83.4 → "1:23"; an unknown duration (null) → "–:––". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–:––'
  if (!Number.isFinite(seconds) || seconds < 0) return '0:00'
  const whole = Math.floor(seconds)
  const minutes = Math.floor(whole / 60)
  const rest = whole % 60
  return `${minutes}:${rest.toString().padStart(2, '0')}`
}

/** 83.45 → "1:23.4", for section boundaries where tenths matter. */
export function formatPreciseTime(seconds: number): string {
  const tenths = Math.floor((seconds % 1) * 10)
  return `${formatDuration(seconds)}.${tenths}`
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B'
  const exponent = Math.min(Math.floor(Math.log(bytes) / Math.log(1024)), UNITS.length - 1)
  const value = bytes / 1024 ** exponent
  return `${value >= 10 || exponent === 0 ? Math.round(value) : value.toFixed(1)} ${UNITS[exponent]}`
}

export function formatUsd(amount: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 }).format(amount)
}

/** "genre_mood" → "Genre mood", "lo-fi" → "Lo-fi" */
export function humanize(value: string): string {
  const text = value.replace(/[_]+/g, ' ').trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function formatDate(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(date)
}

/** A rough wait: "~40 s", "~9 min", "~1 h 20 min". */
export function formatWait(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'under a minute'
  if (seconds < 60) return `~${Math.ceil(seconds / 10) * 10} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `~${minutes} min`
  return `~${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

/** A measured range: "2–4 min", "40 s–2 min"; a single figure when the ends round alike. */
export function formatWaitRange(estimate: { estimated_seconds: number; estimated_seconds_low?: number | null; estimated_seconds_high?: number | null }): string {
  const { estimated_seconds_low: low, estimated_seconds_high: high } = estimate
  if (low == null || high == null) return formatWait(estimate.estimated_seconds)
  const a = formatWait(low).replace('~', '')
  const b = formatWait(high).replace('~', '')
  if (a === b) return `~${a}`
  const unit = (text: string) => text.replace(/^[\d\s]+/, '')
  const sameUnit = unit(a) === unit(b) && !a.includes('h')
  return sameUnit ? `${a.replace(/\s*\S+$/, '')}–${b}` : `${a}–${b}`
}
