// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import type { PivotLink } from '../shared/pivots.ts'

const askWorker = vi.fn(async (_message: unknown): Promise<unknown> => [])
vi.mock('./ask-worker.ts', () => ({ askWorker: (message: unknown) => askWorker(message) }))
const { PivotLinks } = await import('./pivot-links.tsx')

const HASH = 'a1'.padEnd(40, '0')

let root: HTMLElement
beforeEach(() => {
  root = document.createElement('div')
  document.body.append(root)
  askWorker.mockReset()
})
afterEach(() => {
  render(null, root)
  root.remove()
})

async function show(links: PivotLink[]) {
  askWorker.mockImplementation(async () => links)
  await act(async () => {
    render(<PivotLinks hash={HASH} />, root)
  })
}

describe('PivotLinks', () => {
  it('asks the worker for the hash\'s links and shows one each, opening in a new tab with no opener or referrer', async () => {
    await show([{ name: 'Spectra Analyze', url: `https://a1000.example.com/${HASH}/` }, { name: 'VirusTotal', url: `https://www.virustotal.com/gui/file/${HASH}` }])
    expect(askWorker).toHaveBeenCalledExactlyOnceWith({ type: 'get-pivot-links', hash: HASH })
    const links = [...root.querySelectorAll('a')]
    expect(links.map((link) => [link.textContent, link.getAttribute('href'), link.target, link.rel])).toEqual([
      ['Open in Spectra Analyze', `https://a1000.example.com/${HASH}/`, '_blank', 'noopener noreferrer'],
      ['Open in VirusTotal', `https://www.virustotal.com/gui/file/${HASH}`, '_blank', 'noopener noreferrer'],
    ])
    expect(root.querySelector('nav')?.getAttribute('aria-labelledby')).toBe('details-pivots-heading')
  })

  it('renders a name as text, never markup', async () => {
    await show([{ name: '<img src=x onerror=alert(1)>', url: 'https://x.example/' }])
    expect(root.querySelector('img')).toBeNull()
    expect(root.querySelector('a')?.textContent).toBe('Open in <img src=x onerror=alert(1)>')
  })

  it('shows nothing, not even a heading, without pivots', async () => {
    await show([])
    expect(root.childNodes).toHaveLength(0)
  })
})
