import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { PromptReading } from '../api/interpret-prompt'
import { PromptReadingPanel } from './prompt-reading'

const reading: PromptReading = {
  colours: ['red', 'gold'],
  colour_hex: ['#e11e2d', '#ffc43c'],
  scenes: ['club', 'smoke'],
  camera: 'shake',
  light: 'night',
  understood: [
    { word: 'rojas', kind: 'colour', value: 'red', effect: 'adds red to the palette' },
    { word: 'humo', kind: 'scene', value: 'smoke', effect: 'scene: drifting smoke and haze' },
    { word: 'handheld', kind: 'camera', value: 'shake', effect: 'the camera shakes on the beat' },
  ],
  unknown: ['reggaeton', 'Santo', 'Domingo'],
  summary: 'Palette of red, gold; scenes: club lights and laser beams; drifting smoke and haze; camera: shake.',
}

describe('PromptReadingPanel', () => {
  it('names every understood word with what it does, the palette, and the words it does not know', () => {
    render(<PromptReadingPanel reading={reading} />)
    const panel = screen.getByRole('region', { name: 'What the renderer understood' })
    const words = within(panel).getByRole('list', { name: 'Understood words' })
    expect(within(words).getAllByRole('listitem')).toHaveLength(3)
    expect(within(words).getByText(/rojas/)).toHaveTextContent('rojas → adds red to the palette')
    expect(within(panel).getByRole('list', { name: 'Palette' })).toHaveTextContent('redgold')
    expect(panel).toHaveTextContent('Not used by the local renderer: reggaeton, Santo, Domingo')
  })

  it('shows nothing before the first reading arrives', () => {
    const { container } = render(<PromptReadingPanel reading={undefined} />)
    expect(container).toBeEmptyDOMElement()
  })
})
