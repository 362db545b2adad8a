import type { BeatGrid } from '../lib/beat-grid'

const SVG_NS = 'http://www.w3.org/2000/svg'

/**
 * Builds the beat ticks as one SVG with two paths (beats, downbeats), drawn once.
 * The viewBox is in seconds and stretches with the waveform wrapper, so zooming needs no redraw.
 */
export function createBeatLayer(grid: BeatGrid): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg')
  svg.setAttribute('viewBox', `0 0 ${Math.max(grid.duration, 0.001)} 100`)
  svg.setAttribute('preserveAspectRatio', 'none')
  svg.setAttribute('aria-hidden', 'true')
  Object.assign(svg.style, {
    position: 'absolute',
    inset: '0',
    width: '100%',
    height: '100%',
    pointerEvents: 'none',
    zIndex: '2',
  })
  const downbeatSet = new Set(grid.downbeats.map((t) => t.toFixed(3)))
  const beatPath = grid.beats
    .filter((t) => !downbeatSet.has(t.toFixed(3)))
    .map((t) => `M${t.toFixed(3)} 0V10M${t.toFixed(3)} 90V100`)
    .join('')
  const downbeatPath = grid.downbeats.map((t) => `M${t.toFixed(3)} 0V100`).join('')
  svg.append(tickPath(beatPath, 'rgba(182, 182, 201, 0.55)'), tickPath(downbeatPath, 'rgba(0, 225, 217, 0.4)'))
  return svg
}

function tickPath(d: string, stroke: string): SVGPathElement {
  const path = document.createElementNS(SVG_NS, 'path')
  path.setAttribute('d', d)
  path.setAttribute('stroke', stroke)
  path.setAttribute('stroke-width', '1')
  path.setAttribute('vector-effect', 'non-scaling-stroke')
  path.setAttribute('fill', 'none')
  return path
}

/** A thin line showing where a dragged edge will land once released. */
export function createSnapGuide(): HTMLDivElement {
  const guide = document.createElement('div')
  Object.assign(guide.style, {
    position: 'absolute',
    top: '0',
    bottom: '0',
    width: '2px',
    marginLeft: '-1px',
    background: '#00E1D9',
    boxShadow: '0 0 8px #00E1D9',
    pointerEvents: 'none',
    zIndex: '5',
    display: 'none',
  })
  return guide
}
