/** A small picture of the song's loudness, drawn from the analysis waveform (decorative). */
export function SongWaveform({ peaks }: { peaks: number[] }) {
  const bars = 48
  const step = peaks.length / bars
  const heights = Array.from({ length: bars }, (_, i) => {
    const chunk = peaks.slice(Math.floor(i * step), Math.max(Math.floor(i * step) + 1, Math.floor((i + 1) * step)))
    return chunk.length ? Math.max(...chunk) : 0
  })
  const top = Math.max(...heights, 1e-6)
  return (
    <svg viewBox={`0 0 ${bars * 3} 40`} preserveAspectRatio="none" aria-hidden="true" className="size-full">
      {heights.map((h, i) => {
        const height = Math.max(2, (h / top) * 36)
        return <rect key={i} x={i * 3} y={20 - height / 2} width={2} height={height} rx={1} className="fill-violet-soft/80" />
      })}
    </svg>
  )
}
