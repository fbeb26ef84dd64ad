/**
 * What HashLens's overlay draws, read the way no page can: Chromium's DevTools protocol pierces the overlay's closed
 * shadow root (`DOM.getDocument` with `pierce`). Every e2e test and benchmark reads marks through here; Firefox has
 * its own reader over the test builds' channel (firefox-pages.ts).
 */
import type { CDPSession, Frame, Page } from '@playwright/test'

/** One band of a mark, as the overlay positions it (viewport coordinates: the host sits at the origin). */
export interface DrawnBox {
  tone: string
  /** Boxes of one mark share it. */
  mark: string
  left: number
  top: number
  width: number
  height: number
  /** For CSS.getComputedStyleForNode. */
  nodeId: number
}

interface DomNode {
  nodeId: number
  nodeType: number
  localName?: string
  attributes?: string[]
  documentURL?: string
  frameId?: string
  children?: DomNode[]
  shadowRoots?: DomNode[]
  shadowRootType?: string
  contentDocument?: DomNode
}

const sessions = new WeakMap<Page | Frame, Promise<CDPSession>>()

/** A frame in another process (another site) has a session of its own; others are read from their page's. */
async function sessionFor(target: Page | Frame): Promise<{ session: CDPSession; frameUrl: string | null }> {
  const page = 'mainFrame' in target ? target : target.page()
  const frame = 'mainFrame' in target ? null : target
  if (frame !== null && frame !== page.mainFrame()) {
    let own = sessions.get(frame)
    if (!own) {
      own = page.context().newCDPSession(frame)
      sessions.set(frame, own)
    }
    try {
      return { session: await own, frameUrl: null }
    } catch {
      sessions.delete(frame)
    }
  }
  let session = sessions.get(page)
  if (!session) {
    session = page.context().newCDPSession(page)
    sessions.set(page, session)
  }
  return { session: await session, frameUrl: frame !== null && frame !== page.mainFrame() ? frame.url() : null }
}

function attributesOf(node: DomNode): Record<string, string> {
  const attributes: Record<string, string> = {}
  const list = node.attributes ?? []
  for (let index = 0; index + 1 < list.length; index += 2) attributes[list[index]!] = list[index + 1]!
  return attributes
}

function findDocument(node: DomNode, url: string): DomNode | null {
  if (node.nodeType === 9 && node.documentURL === url) return node
  for (const child of [...node.children ?? [], ...node.shadowRoots ?? [], ...node.contentDocument ? [node.contentDocument] : []]) {
    const found = findDocument(child, url)
    if (found) return found
  }
  return null
}

function pixels(style: string, property: string): number {
  const match = new RegExp(`(?:^|;)\\s*${property}:\\s*(-?[\\d.e+-]+)px`).exec(style)
  return match ? Number(match[1]) : Number.NaN
}

/** The overlay: a child of <html> whose closed shadow root holds the boxes (one element per box, with its tone) in a clip. */
function overlayBoxes(documentNode: DomNode): DrawnBox[] {
  const html = documentNode.children?.find((child) => child.localName === 'html')
  const boxes: DrawnBox[] = []
  for (const host of html?.children ?? []) {
    const root = host.shadowRoots?.find((candidate) => candidate.shadowRootType === 'closed')
    if (!root) continue
    for (const box of (root.children ?? []).flatMap((child) => [child, ...child.children ?? []])) {
      const attributes = attributesOf(box)
      if (attributes['data-tone'] === undefined) continue
      const style = attributes.style ?? ''
      boxes.push({
        tone: attributes['data-tone'], mark: attributes['data-mark'] ?? '',
        left: pixels(style, 'left'), top: pixels(style, 'top'), width: pixels(style, 'width'), height: pixels(style, 'height'),
        nodeId: box.nodeId,
      })
    }
  }
  return boxes
}

/** Every box the overlay of this page's (or frame's) document draws now. */
export async function drawnBoxes(target: Page | Frame): Promise<DrawnBox[]> {
  const { session, frameUrl } = await sessionFor(target)
  const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true }) as unknown as { root: DomNode }
  const documentNode = frameUrl === null ? root : findDocument(root, frameUrl)
  if (!documentNode) throw new Error(`no document at ${frameUrl} in its page`)
  return overlayBoxes(documentNode)
}

/** How many marks are drawn in each tone (a mark over two lines counts once). */
export async function markCounts(target: Page | Frame): Promise<Record<string, number>> {
  const tones = new Map<string, string>()
  for (const box of await drawnBoxes(target)) tones.set(box.mark, box.tone)
  const counts: Record<string, number> = {}
  for (const tone of tones.values()) counts[tone] = (counts[tone] ?? 0) + 1
  return counts
}

/** Marks drawn in any of `tones` (in every tone when none is given). */
export async function markedCount(target: Page | Frame, ...tones: string[]): Promise<number> {
  const counts = await markCounts(target)
  return Object.entries(counts).reduce((total, [tone, count]) => total + (tones.length === 0 || tones.includes(tone) ? count : 0), 0)
}

/** The colours a box of `tone` is drawn in: its tint and the line along its bottom. */
export async function toneColors(page: Page, tone: string): Promise<{ backgroundColor: string; lineColor: string }> {
  const { session } = await sessionFor(page)
  await session.send('DOM.enable')
  await session.send('CSS.enable')
  const box = (await drawnBoxes(page)).find((candidate) => candidate.tone === tone)
  if (!box) throw new Error(`no box drawn in ${tone}`)
  const { computedStyle } = await session.send('CSS.getComputedStyleForNode', { nodeId: box.nodeId })
  const value = (name: string) => computedStyle.find((property) => property.name === name)?.value ?? ''
  return { backgroundColor: value('background-color'), lineColor: value('border-bottom-color') }
}

/**
 * Hands the overlay's closed shadow root to the page's main world as `window[name]`, which only DevTools can do
 * (`DOM.resolveNode`): a test's page script then reads the boxes synchronously, at a chosen point of a frame.
 */
export async function exposeOverlayRoot(page: Page, name = '__hashlensOverlay'): Promise<void> {
  const { session } = await sessionFor(page)
  const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true }) as unknown as { root: DomNode }
  const html = root.children?.find((child) => child.localName === 'html')
  const layer = html?.children?.flatMap((host) => host.shadowRoots ?? []).find((candidate) => candidate.shadowRootType === 'closed')
  if (!layer) throw new Error('no overlay in the page yet')
  const { object } = await session.send('DOM.resolveNode', { nodeId: layer.nodeId })
  await session.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration: 'function (name) { window[name] = this }',
    arguments: [{ value: name }],
  })
}

/** The page's markup without HashLens's own hosts (the overlay's and the card's: plain divs under <html>; the page has none of its own). */
export async function pageMarkup(target: Page | Frame): Promise<string> {
  return target.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement
    clone.querySelectorAll(':scope > div').forEach((host) => host.remove())
    return clone.outerHTML
  })
}
