// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_NOISE_FILTERS } from '../shared/hash-detector.ts'
import { Highlighter } from './highlighter.ts'
import { PageScanner, type FoundHash, type ScanFilters } from './page-scanner.ts'
import { createTaskSlicer } from './task-slicer.ts'
import { createSampleJudge, type NotSampleKind } from '../shared/sample-judgement.ts'

// The real judge, watched: how often it is made, and from what page.
vi.mock('../shared/sample-judgement.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../shared/sample-judgement.ts')>()
  return { ...original, createSampleJudge: vi.fn(original.createSampleJudge) }
})

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

const FILTERS: ScanFilters = { ...DEFAULT_NOISE_FILTERS, skipGitObjectLinks: true }

function el(tag: string, attributes: Record<string, string>, ...children: Array<Node | string>): HTMLElement {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  element.append(...children)
  return element
}

/** happy-dom computes no styles: a `hidden` or `data-closed` ancestor stands in for what hides the text. */
const isShownByAttribute = (element: Element) => element.closest('[hidden], [data-closed]') === null

/** Stands in for the layout's answer; `data-clipper` is no attribute the scanner watches (as if a stylesheet resized the box). */
const clipperByAttribute = (element: Element) => element.closest('[data-clipper="empty"], .clipped-away')

function startScanner(
  filters: ScanFilters = FILTERS,
  isVisible?: (element: Element) => boolean,
  clipperOf: (element: Element) => Element | null = () => null,
  notSampleKinds?: readonly NotSampleKind[],
) {
  const controller = new AbortController()
  const highlighter = new Highlighter(null)
  const passes: FoundHash[][] = []
  const firstScanFlags: boolean[] = []
  const scanner = new PageScanner({
    document,
    highlighter,
    filters,
    // A zero budget yields after every check: the slicing path is exercised throughout.
    slicer: createTaskSlicer({ budgetMs: 0, signal: controller.signal, yieldToMain: () => Promise.resolve() }),
    signal: controller.signal,
    onFound: (found, isFirstScan) => {
      passes.push(found)
      firstScanFlags.push(isFirstScan)
    },
    debounceMs: 5,
    maxWaitMs: 50,
    ...(isVisible ? { isVisible } : {}),
    clipperOf,
    ...(notSampleKinds ? { notSampleKinds } : {}),
  })
  return { controller, highlighter, passes, firstScanFlags, scanner, done: scanner.start() }
}

function hashesOf(found: FoundHash[] | undefined): string[] {
  return (found ?? []).map((entry) => entry.hash)
}

/** happy-dom never lays out, so its ResizeObserver never calls back: this one is called back by the test. */
class FakeResizeObserver {
  static instances: FakeResizeObserver[] = []
  readonly observed = new Set<Element>()
  constructor(readonly callback: () => void) {
    FakeResizeObserver.instances.push(this)
  }
  observe(element: Element): void {
    this.observed.add(element)
  }
  disconnect(): void {
    this.observed.clear()
  }
}

afterEach(() => {
  document.body.replaceChildren()
  vi.unstubAllGlobals()
  FakeResizeObserver.instances = []
})

describe('PageScanner', () => {
  it('neither marks nor reports a hash whose element is not rendered, and finds it once an attribute change shows it', async () => {
    const panel = el('div', { hidden: '' }, el('p', {}, `hidden ${SHA1}`))
    document.body.append(el('p', {}, `shown ${MD5}`), panel)
    const asked: Element[] = []
    const { highlighter, passes, controller, done } = startScanner(FILTERS, (element) => {
      asked.push(element)
      return isShownByAttribute(element)
    })
    await done
    expect(passes.map(hashesOf)).toEqual([[MD5]])
    expect(highlighter.markCount).toBe(1)
    // Asked once per element holding a hash, never for text without one.
    expect(asked.map((element) => element.textContent)).toEqual([`shown ${MD5}`, `hidden ${SHA1}`])
    panel.removeAttribute('hidden')
    await vi.waitFor(() => expect(passes.map(hashesOf)).toEqual([[MD5], [SHA1]]))
    expect(highlighter.markCount).toBe(2)
    controller.abort()
  })

  it('finds a hidden hash when a <details> is opened (toggle), and stops watching once aborted', async () => {
    const details = el('details', { 'data-closed': '' }, el('summary', {}, 'more'), el('p', {}, SHA256))
    document.body.append(details)
    const { passes, controller, done } = startScanner(FILTERS, isShownByAttribute)
    await done
    expect(passes).toEqual([])
    // The visibility changed without an observed attribute (as a closed details' content does).
    details.removeAttribute('data-closed')
    details.dispatchEvent(new Event('toggle'))
    await vi.waitFor(() => expect(passes.map(hashesOf)).toEqual([[SHA256]]))
    controller.abort()
    const later = el('details', { 'data-closed': '' }, el('p', {}, SHA1))
    document.body.append(later)
    await new Promise((resolve) => setTimeout(resolve, 60))
    later.removeAttribute('data-closed')
    later.dispatchEvent(new Event('toggle'))
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(passes.map(hashesOf)).toEqual([[SHA256]])
  })

  it('neither marks nor reports a hash clipped to an empty box, and finds it when the clipping box is resized', async () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver)
    const clipper = el('div', { 'data-clipper': 'empty' }, el('p', {}, `clipped ${SHA1}`))
    document.body.append(el('p', {}, `shown ${MD5}`), clipper)
    const { highlighter, passes, controller, done } = startScanner(FILTERS, () => true, clipperByAttribute)
    await done
    expect(passes.map(hashesOf)).toEqual([[MD5]])
    expect(highlighter.markCount).toBe(1)
    const [resizeObserver] = FakeResizeObserver.instances
    expect([...resizeObserver!.observed]).toEqual([clipper])
    // A stylesheet or the viewport resized it: no attribute changed.
    clipper.dataset.clipper = 'roomy'
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(passes.map(hashesOf)).toEqual([[MD5]])
    resizeObserver!.callback()
    await vi.waitFor(() => expect(passes.map(hashesOf)).toEqual([[MD5], [SHA1]]))
    expect(highlighter.markCount).toBe(2)
    // Nothing hidden is left to watch for.
    expect(resizeObserver!.observed.size).toBe(0)
    controller.abort()
  })

  it('unmarks text the page hides (attribute, <details> closed, clipped to nothing) and marks it again in its known state once shown', async () => {
    const panel = el('section', {}, el('p', {}, `in a panel ${MD5}`))
    const details = el('details', {}, el('summary', {}, 'more'), el('p', {}, `in details ${SHA1}`))
    const box = el('div', {}, el('p', {}, `in a box ${SHA256}`))
    document.body.append(panel, details, box, el('p', {}, `always shown ${SHA1.replace('d', 'e')}`))
    const { highlighter, passes, controller, done } = startScanner(FILTERS, isShownByAttribute, clipperByAttribute)
    await done
    expect(highlighter.markCount).toBe(4)
    highlighter.applyStates({ [MD5]: { state: 'pending' } })
    const markOf = (container: Element) => highlighter.markAt(container.querySelector('p')!.firstChild as Text, 14)

    panel.hidden = true
    await vi.waitFor(() => expect(highlighter.markCount).toBe(3))
    expect(markOf(panel)).toBeNull()
    details.setAttribute('data-closed', '')
    details.dispatchEvent(new Event('toggle'))
    await vi.waitFor(() => expect(highlighter.markCount).toBe(2))
    box.className = 'clipped-away'
    await vi.waitFor(() => expect(highlighter.markCount).toBe(1))
    const passesWhileHidden = passes.length

    panel.hidden = false
    details.removeAttribute('data-closed')
    details.dispatchEvent(new Event('toggle'))
    box.className = ''
    await vi.waitFor(() => expect(highlighter.markCount).toBe(4))
    expect(markOf(panel)?.state).toBe('pending')
    // Found again (the reporter knows it reported them already).
    expect(passes.slice(passesWhileHidden).flatMap(hashesOf).sort()).toEqual([MD5, SHA1, SHA256].sort())
    controller.abort()
  })

  it('finds hashes across spans and in shadow roots, skipping git links, editors and form fields', async () => {
    const host = el('div', {})
    host.attachShadow({ mode: 'open' }).append(el('p', {}, `shadow ${SHA1}`))
    const split = el('pre', {}, el('span', {}, SHA256.slice(0, 30)), el('wbr', {}), el('span', {}, SHA256.slice(30)))
    document.body.append(
      split,
      host,
      el('p', {}, el('a', { href: `/owner/repo/commit/${SHA1}` }, SHA1)),
      el('div', { contenteditable: 'true' }, MD5),
      el('textarea', {}, MD5),
      el('p', { title: MD5 }, 'attribute only'),
      ...Array.from({ length: 100 }, (_, index) => el('p', {}, `filler line ${index}`)),
    )
    const { highlighter, passes, controller, done } = startScanner()
    await done
    expect(passes).toHaveLength(1)
    expect(hashesOf(passes[0])).toEqual([SHA256, SHA1])
    expect(passes[0]![0]!.container).toBe(split)
    expect(highlighter.markCount).toBe(2)
    controller.abort()
  })

  it('keeps hashes in git links when that filter is off', async () => {
    document.body.append(el('p', {}, el('a', { href: `/owner/repo/commit/${SHA1}` }, SHA1)))
    const { passes, controller, done } = startScanner({ ...FILTERS, skipGitObjectLinks: false })
    await done
    expect(hashesOf(passes[0])).toEqual([SHA1])
    controller.abort()
  })

  it('follows added content, changed text and removals', async () => {
    const paragraph = el('p', {}, `first ${MD5}`)
    document.body.append(paragraph)
    const { highlighter, passes, firstScanFlags, controller, done } = startScanner()
    await done
    expect(hashesOf(passes[0])).toEqual([MD5])

    document.body.append(el('div', {}, el('p', {}, `later ${SHA256}`)))
    await vi.waitFor(() => expect(passes).toHaveLength(2))
    expect(hashesOf(passes[1])).toEqual([SHA256])
    expect(firstScanFlags).toEqual([true, false])
    expect(highlighter.markCount).toBe(2)

    // A hash typed into existing text, one text node at a time (streaming logs).
    const log = el('pre', {}, 'log: ')
    document.body.append(log)
    log.append(SHA1.slice(0, 20))
    log.append(SHA1.slice(20))
    await vi.waitFor(() => expect(passes.flat().map((entry) => entry.hash)).toContain(SHA1))

    ;(paragraph.firstChild as Text).data = 'no hash any more'
    await vi.waitFor(() => expect(highlighter.markCount).toBe(2))

    log.remove()
    await vi.waitFor(() => expect(highlighter.markCount).toBe(1))
    controller.abort()
  })

  it('rescans a flooding page\'s changes no sooner than it is told', async () => {
    const { passes, scanner, controller, done } = startScanner()
    await done
    scanner.slowTo(200)
    const changedAt = performance.now()
    document.body.append(el('p', {}, SHA256))
    await vi.waitFor(() => expect(hashesOf(passes.at(-1))).toEqual([SHA256]), { timeout: 2000 })
    // Debounced 5 ms before it was told; now the rescan waits the 200 ms.
    expect(performance.now() - changedAt).toBeGreaterThanOrEqual(195)
    controller.abort()
  })

  it('follows changes inside open shadow roots it has walked', async () => {
    const host = el('div', {})
    const shadow = host.attachShadow({ mode: 'open' })
    shadow.append(el('p', {}, 'empty for now'))
    document.body.append(host)
    const { passes, controller, done } = startScanner()
    await done
    shadow.append(el('p', {}, `arrived ${MD5}`))
    await vi.waitFor(() => expect(hashesOf(passes.at(-1))).toEqual([MD5]))
    controller.abort()
  })

  it('marks the hashes in a shadow root again when its host is taken out of the page and put back', async () => {
    const host = el('div', {})
    host.attachShadow({ mode: 'open' }).append(el('p', {}, `in a component ${SHA1}`))
    const panel = el('section', {}, host)
    document.body.append(panel)
    const { highlighter, controller, done } = startScanner()
    await done
    expect(highlighter.markCount).toBe(1)
    host.remove()
    await vi.waitFor(() => expect(highlighter.markCount).toBe(0))
    // Put back (a tab panel shown again): nothing changed inside its shadow root.
    panel.append(host)
    await vi.waitFor(() => expect(highlighter.markCount).toBe(1))
    controller.abort()
  })

  it('ignores changes inside editors and stops following once aborted', async () => {
    const editor = el('div', { contenteditable: 'true' })
    document.body.append(editor)
    const { highlighter, passes, controller, done } = startScanner()
    await done
    editor.append(`typed ${MD5}`)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(highlighter.markCount).toBe(0)

    controller.abort()
    document.body.append(el('p', {}, SHA256))
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(passes.flat()).toHaveLength(0)
  })

  it('walks only the parts of a big page whose text can hold a hash, and still finds shadow roots in the rest', async () => {
    const filler = (count: number) => Array.from({ length: count }, (_, index) => el('p', {}, `filler line ${index} of plain prose, deceased face bead`))
    const host = el('span', {})
    host.attachShadow({ mode: 'open' }).append(el('p', {}, `shadow ${SHA1}`))
    const deep = el('section', {}, ...filler(200), el('div', {}, el('p', {}, `deep ${MD5}`)), ...filler(200))
    document.body.append(el('main', {}, ...filler(300), el('div', {}, ...filler(50), host), deep, ...filler(300)))
    expect(document.body.textContent!.length).toBeGreaterThan(2 * 16 * 1024)
    const walked = new Set<string>()
    const nodeData = Object.getOwnPropertyDescriptor(CharacterData.prototype, 'data')!
    Object.defineProperty(Text.prototype, 'data', {
      configurable: true,
      get(this: Text) {
        walked.add(nodeData.get!.call(this) as string)
        return nodeData.get!.call(this)
      },
    })
    try {
      const { highlighter, passes, controller, done } = startScanner()
      await done
      expect(passes.flat().map((entry) => entry.hash).sort()).toEqual([MD5, SHA1].sort())
      expect(highlighter.markCount).toBe(2)
      // The filler paragraphs beside the hashes were never read one by one.
      expect(walked.size).toBeGreaterThan(0)
      expect(walked.size).toBeLessThan(20)
      controller.abort()
    } finally {
      delete (Text.prototype as { data?: unknown }).data
    }
  })
})

describe('PageScanner: the sample-likeness judgement (issue 13)', () => {
  const ALL_KINDS: NotSampleKind[] = ['dependency-checksum', 'commit-id', 'container-digest']
  const judgeMade = vi.mocked(createSampleJudge)
  const judged = (found: FoundHash[][]) => found.flat().map(({ hash, skippedAs }) => [hash, skippedAs ?? null])

  function lockfileAndReport(): void {
    document.title = 'Cargo.lock'
    document.body.append(
      el('script', {}, 'var pageState = "not page text"'),
      el('pre', {}, `[[package]]\nname = "serde"\nchecksum = "${SHA256}"\n\ncommit ${SHA1}\nAuthor: A`),
      el('table', {}, el('tr', {}, el('td', {}, 'Dropper'), el('td', {}, MD5))),
    )
  }

  it('judges each hash from its block\'s text and offsets, with one judge per document made from its URL, title and text', async () => {
    judgeMade.mockClear()
    lockfileAndReport()
    const { passes, done } = startScanner(FILTERS, undefined, undefined, ALL_KINDS)
    await done
    expect(judged(passes)).toEqual([[SHA256, 'dependency-checksum'], [SHA1, 'commit-id'], [MD5, null]])
    expect(judgeMade).toHaveBeenCalledTimes(1)
    const [page, kinds] = judgeMade.mock.calls[0]!
    expect(page).toEqual({ url: document.URL, title: 'Cargo.lock', text: expect.stringContaining(`checksum = "${SHA256}"`) })
    expect(page.text).not.toContain('not page text')
    expect([...kinds]).toEqual(ALL_KINDS)
  })

  it('judges nothing and reads nothing for it when the page judges no kind (a trusted site, lookups off) or shows no hash', async () => {
    judgeMade.mockClear()
    lockfileAndReport()
    const { passes, done } = startScanner(FILTERS, undefined, undefined, [])
    await done
    expect(judged(passes).every(([, kind]) => kind === null)).toBe(true)
    document.body.replaceChildren(el('p', {}, 'no hash at all'))
    await startScanner(FILTERS, undefined, undefined, ALL_KINDS).done
    expect(judgeMade).not.toHaveBeenCalled()
  })

  it('reads at most 64 KB of the page for the judge, however big the page', async () => {
    judgeMade.mockClear()
    document.body.append(el('p', {}, 'x'.repeat(100_000)), el('p', {}, `checksum = "${SHA256}"`))
    await startScanner(FILTERS, undefined, undefined, ALL_KINDS).done
    expect(judgeMade.mock.calls[0]![0].text).toHaveLength(64 * 1024)
  })

  it('reads at most 16,384 text nodes for the judge: a page of 20,000 script nodes ahead of its words stops the walk', async () => {
    judgeMade.mockClear()
    document.body.append(...Array.from({ length: 20_000 }, () => el('script', {}, ' ')), el('p', {}, `threat report ${MD5}`))
    await startScanner(FILTERS, undefined, undefined, ALL_KINDS).done
    expect(judgeMade.mock.calls[0]![0].text).toBe('')
    // A bound on a count, not a speed: happy-dom took 6 s for it alone, 8-9 s in a full run, on a loaded 2-core machine.
  }, 30_000)
})
