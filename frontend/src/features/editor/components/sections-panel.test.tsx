import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { LyricLine } from '@/api/types'
import { useSectionsEditor } from '../hooks/use-sections-editor'
import type { EditorSection } from '../lib/editor-sections'
import { steadyGrid } from '../lib/test-grid'
import { SectionsPanel } from './sections-panel'

const grid = steadyGrid(60)
const initial: EditorSection[] = [
  { key: 'intro', label: 'Intro', start: 0, end: 20, note: '' },
  { key: 'chorus', label: 'Chorus', start: 20, end: 60, note: '' },
]
const lyrics: LyricLine[] = [
  { start: 2, end: 5, text: 'lights go down' },
  { start: 25, end: 28, text: 'we are the night' },
]

function Harness({ playhead = 30 }: { playhead?: number }) {
  const editor = useSectionsEditor(initial, grid)
  return <SectionsPanel editor={editor} lyrics={lyrics} getPlayheadTime={() => playhead} onUseSuggested={() => editor.replaceAll(initial)} />
}

function sectionItems() {
  return within(screen.getByRole('list')).getAllByRole('listitem')
}

describe('SectionsPanel', () => {
  it('lists each section with its lyrics', () => {
    render(<Harness />)
    const [intro, chorus] = sectionItems()
    expect(within(intro).getByText('“lights go down”')).toBeInTheDocument()
    expect(within(chorus).getByText('“we are the night”')).toBeInTheDocument()
    expect(within(chorus).queryByText('“lights go down”')).not.toBeInTheDocument()
  })

  it('adds a section', async () => {
    render(<Harness />)
    await userEvent.click(screen.getByRole('button', { name: '+ Add section' }))
    expect(sectionItems()).toHaveLength(3)
    expect(screen.getByLabelText('Name of section 3')).toHaveValue('Section 3')
  })

  it('splits the section under the playhead', async () => {
    render(<Harness playhead={30.1} />)
    await userEvent.click(screen.getByRole('button', { name: 'Split at playhead' }))
    const items = sectionItems()
    expect(items).toHaveLength(3)
    expect(items[1]).toHaveTextContent('0:20.0 – 0:30.0')
    expect(items[2]).toHaveTextContent('0:30.0 – 1:00.0')
  })

  it('explains a split that is too close to an edge', async () => {
    render(<Harness playhead={20.1} />)
    await userEvent.click(screen.getByRole('button', { name: 'Split at playhead' }))
    expect(sectionItems()).toHaveLength(2)
    expect(screen.getByRole('status')).toHaveTextContent(/at least one beat/)
  })

  it('deletes a section and gives its time to the neighbour', async () => {
    render(<Harness />)
    await userEvent.click(screen.getByRole('button', { name: 'Delete section Chorus' }))
    const items = sectionItems()
    expect(items).toHaveLength(1)
    expect(items[0]).toHaveTextContent('0:00.0 – 1:00.0')
    expect(screen.getByRole('button', { name: 'Delete section Intro' })).toBeDisabled()
  })

  it('renames a section and flags an empty name', async () => {
    render(<Harness />)
    const name = screen.getByLabelText('Name of section 2')
    await userEvent.clear(name)
    expect(screen.getByRole('alert')).toHaveTextContent('Give this section a name.')
    await userEvent.type(name, 'Drop')
    expect(name).toHaveValue('Drop')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.getByRole('listitem', { name: 'Section 2: Drop' })).toBeInTheDocument()
  })

  it('counts the prompt note up to 100 characters', async () => {
    render(<Harness />)
    const note = screen.getByLabelText('Prompt note for section 1')
    await userEvent.type(note, 'neon rain')
    expect(within(sectionItems()[0]).getByText('9/100')).toBeInTheDocument()
    await userEvent.type(note, 'x'.repeat(120))
    expect(note).toHaveValue('neon rain' + 'x'.repeat(91))
    expect(within(sectionItems()[0]).getByText('100/100')).toBeInTheDocument()
  })

  it('nudges a boundary by one beat', async () => {
    render(<Harness />)
    await userEvent.click(screen.getByRole('button', { name: 'Move start of Chorus one beat later' }))
    expect(sectionItems()[0]).toHaveTextContent('0:00.0 – 0:20.5')
  })
})
