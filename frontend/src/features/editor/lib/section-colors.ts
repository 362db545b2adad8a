/** Region colours, cycling; the same index gives the same colour in the waveform and the list. */
export const SECTION_COLORS = ['#6E6BFF', '#FF7EFA', '#00E1D9', '#FFB86B', '#7CF29A', '#FF5A75'] as const

export function sectionColor(index: number): string {
  return SECTION_COLORS[index % SECTION_COLORS.length]
}

export function withAlpha(hex: string, alpha: number): string {
  const value = parseInt(hex.slice(1), 16)
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`
}
