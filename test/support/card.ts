/**
 * The one way Chromium tests read the hover card. Its shadow root is closed, so neither the page nor Playwright's
 * locators reach it: the card is read as assistive technology reads it, from Chromium's accessibility tree over the
 * DevTools protocol, and clicked with real mouse clicks at the box the protocol gives (the card ignores synthetic
 * events). Checks of what is not text (a colour) go through the protocol's DOM, which pierces closed roots.
 */
import type { CDPSession, Frame, Page } from '@playwright/test'

/** The card's accessible name: messages.json's cardLabel (a pseudo-translation wraps it). */
export const CARD_LABEL = 'HashLens verdict'

export interface CardView {
  /** The dialog's accessible name. */
  label: string
  /** Its texts in reading order, one per line. */
  text: string
  /** Its buttons' names, in order. */
  buttons: string[]
  /** The name of what has the keyboard focus in the card, null when the focus is elsewhere. */
  focused: string | null
}

interface AXValue { value?: unknown }
interface AXNode {
  nodeId: string
  ignored: boolean
  role?: AXValue
  name?: AXValue
  properties?: Array<{ name: string; value: AXValue }>
  childIds?: string[]
  backendDOMNodeId?: number
}

interface DOMNode {
  nodeId: number
  backendNodeId: number
  nodeName: string
  attributes?: string[]
  children?: DOMNode[]
  shadowRoots?: DOMNode[]
  contentDocument?: DOMNode
}

async function withSession<T>(target: Page | Frame, use: (session: CDPSession, frameId: string | undefined) => Promise<T>): Promise<T> {
  const page = 'page' in target ? target.page() : target
  const frame = 'page' in target ? target : null
  let session: CDPSession
  let frameId: string | undefined
  if (frame === null || frame === page.mainFrame()) {
    session = await page.context().newCDPSession(page)
  } else {
    try {
      // An out-of-process frame has a session of its own...
      session = await page.context().newCDPSession(frame)
    } catch {
      // ...one in the page's process is a frame of the page's session.
      session = await page.context().newCDPSession(page)
      frameId = await frameIdOf(session, frame.url())
    }
  }
  try {
    return await use(session, frameId)
  } finally {
    await session.detach().catch(() => undefined)
  }
}

async function frameIdOf(session: CDPSession, url: string): Promise<string> {
  interface FrameTree { frame: { id: string; url: string }; childFrames?: FrameTree[] }
  const { frameTree } = await session.send('Page.getFrameTree') as { frameTree: FrameTree }
  const queue: FrameTree[] = [frameTree]
  for (let tree = queue.shift(); tree; tree = queue.shift()) {
    if (tree.frame.url === url) return tree.frame.id
    queue.push(...tree.childFrames ?? [])
  }
  throw new Error(`No frame at ${url}`)
}

/** The shown card's dialog and its subtree (nodes not ignored), or null when no card is shown. */
async function cardNodes(session: CDPSession, frameId: string | undefined): Promise<{ dialog: AXNode; byId: Map<string, AXNode> } | null> {
  const { nodes } = await session.send('Accessibility.getFullAXTree', frameId ? { frameId } : {}) as { nodes: AXNode[] }
  const byId = new Map(nodes.map((node) => [node.nodeId, node]))
  const dialogs = nodes.filter((node) => !node.ignored && node.role?.value === 'dialog' && String(node.name?.value).includes(CARD_LABEL))
  if (dialogs.length > 1) throw new Error(`${dialogs.length} cards in one frame`)
  return dialogs[0] ? { dialog: dialogs[0], byId } : null
}

function descendantsOf(root: AXNode, byId: Map<string, AXNode>): AXNode[] {
  const found: AXNode[] = []
  const visit = (node: AXNode): void => {
    for (const id of node.childIds ?? []) {
      const child = byId.get(id)
      if (!child) continue
      if (!child.ignored) found.push(child)
      visit(child)
    }
  }
  visit(root)
  return found
}

/** What the card says, as a screen reader gets it; null while no card is shown in that frame. */
export async function readCard(target: Page | Frame): Promise<CardView | null> {
  return withSession(target, async (session, frameId) => {
    const card = await cardNodes(session, frameId)
    if (card === null) return null
    const nodes = descendantsOf(card.dialog, card.byId)
    return {
      label: String(card.dialog.name?.value ?? ''),
      text: nodes.filter((node) => node.role?.value === 'StaticText').map((node) => String(node.name?.value ?? '')).join('\n'),
      buttons: nodes.filter((node) => node.role?.value === 'button').map((node) => String(node.name?.value ?? '')),
      focused: nodes.filter((node) => node.properties?.some((property) => property.name === 'focused' && property.value.value === true))
        .map((node) => String(node.name?.value ?? ''))[0] ?? null,
    }
  })
}

/** The card's text, '' while none is shown: for `expect.poll(() => cardText(page)).toContain(…)`. */
export async function cardText(target: Page | Frame): Promise<string> {
  return (await readCard(target))?.text ?? ''
}

/** A button's border box in the viewport, as [left, top, right, bottom]. */
async function boxOf(session: CDPSession, backendNodeId: number): Promise<[number, number, number, number]> {
  const { model } = await session.send('DOM.getBoxModel', { backendNodeId }) as { model: { border: number[] } }
  const [x1, y1, , , x3, y3] = model.border
  return [x1!, y1!, x3!, y3!]
}

/** A real click (the card ignores synthetic ones) on the shown card's button of that name, in the page's main frame. */
export async function clickCardButton(page: Page, name: string): Promise<void> {
  const center = await withSession(page, async (session) => {
    const card = await cardNodes(session, undefined)
    if (card === null) throw new Error('No card is shown')
    // A link too: then a card that had one (before issue 12) fails on where it goes, not on finding it.
    const button = descendantsOf(card.dialog, card.byId).find((node) => (node.role?.value === 'button' || node.role?.value === 'link') && node.name?.value === name)
    if (button?.backendDOMNodeId === undefined) throw new Error(`The card has no button "${name}"`)
    await session.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: button.backendDOMNodeId })
    const [left, top, right, bottom] = await boxOf(session, button.backendDOMNodeId)
    return { x: (left + right) / 2, y: (top + bottom) / 2 }
  })
  await page.mouse.click(center.x, center.y)
}

/** The shown card's buttons' boxes in the viewport, in order, as `left,top,right,bottom`: where a user's pointer goes to press them. */
export async function cardButtonBoxes(page: Page): Promise<string[]> {
  return withSession(page, async (session) => {
    const card = await cardNodes(session, undefined)
    if (card === null) throw new Error('No card is shown')
    const buttons = descendantsOf(card.dialog, card.byId).filter((node) => node.role?.value === 'button' && node.backendDOMNodeId !== undefined)
    return Promise.all(buttons.map(async (button) => (await boxOf(session, button.backendDOMNodeId!)).map(Math.round).join(',')))
  })
}

/** The DOM nodes under `root`, closed shadow roots and frames included, in document order. */
function* piercedNodes(root: DOMNode): Generator<DOMNode> {
  yield root
  for (const child of [...root.shadowRoots ?? [], ...root.children ?? []]) yield* piercedNodes(child)
  if (root.contentDocument) yield* piercedNodes(root.contentDocument)
}

function hasClass(node: DOMNode, className: string): boolean {
  const attributes = node.attributes ?? []
  for (let i = 0; i < attributes.length; i += 2) {
    if (attributes[i] === 'class' && attributes[i + 1]!.split(/\s+/).includes(className)) return true
  }
  return false
}

/** A computed style of the first element with that class inside the card's shadow root (say, the badge's colour). */
export async function cardElementStyle(page: Page, className: string, property: string): Promise<string> {
  return withSession(page, async (session) => {
    const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true }) as { root: DOMNode }
    const card = [...piercedNodes(root)].find((node) => hasClass(node, 'card') && node.attributes?.includes('dialog'))
    const element = card && [...piercedNodes(card)].find((node) => hasClass(node, className))
    if (!element) throw new Error(`No .${className} in the card`)
    const { object } = await session.send('DOM.resolveNode', { backendNodeId: element.backendNodeId }) as { object: { objectId: string } }
    const { result } = await session.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: 'function (property) { return getComputedStyle(this).getPropertyValue(property) }',
      arguments: [{ value: property }],
      returnByValue: true,
    }) as { result: { value: string } }
    return result.value
  })
}
