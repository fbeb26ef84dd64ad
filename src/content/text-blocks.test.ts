// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import {
  BlockWalker,
  collectTextBlocks,
  elementOfText,
  isInIgnoredTree,
  nearestBlockContainer,
  spanOfMatch,
  type TextBlock,
} from './text-blocks.ts'

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/** Builds the fixture with the DOM API: markup strings are banned in this project. */
function el(tag: string, attributes: Record<string, string>, ...children: Array<Node | string>): HTMLElement {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  for (const child of children) element.append(child)
  return element
}

function texts(blocks: TextBlock[]): string[] {
  return blocks.map((block) => block.text)
}

function mount(...nodes: Node[]): HTMLElement {
  const root = el('div', {}, ...nodes)
  document.body.append(root)
  return root
}

afterEach(() => {
  document.body.replaceChildren()
  document.designMode = 'off'
})

describe('collectTextBlocks', () => {
  it('joins the text of inline elements into one block', () => {
    const root = mount(el('p', {}, 'a ', el('b', {}, 'bold'), ' and ', el('a', { href: '#' }, el('code', {}, 'code'))))
    expect(texts(collectTextBlocks(root))).toEqual(['a bold and code'])
  })

  it('reads a hash split by <wbr> and highlighting spans as one text', () => {
    const root = mount(el('p', {},
      'sha256: ', el('span', { class: 'k' }, SHA256.slice(0, 20)), el('wbr', {}),
      el('span', { class: 's' }, SHA256.slice(20, 50)), SHA256.slice(50)))
    const [block] = collectTextBlocks(root)
    expect(block?.text).toBe(`sha256: ${SHA256}`)
    expect(block?.segments.map((segment) => segment.start)).toEqual([0, 8, 28, 58])
  })

  it('breaks runs at block elements and <br>', () => {
    const root = mount(
      el('div', {}, 'one', el('div', {}, 'two'), 'three'),
      el('p', {}, 'four', el('br', {}), 'five'),
      el('ul', {}, el('li', {}, 'six'), el('li', {}, 'seven')),
      el('table', {}, el('tbody', {}, el('tr', {}, el('td', {}, 'eight'), el('td', {}, 'nine')))),
    )
    expect(texts(collectTextBlocks(root))).toEqual(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'])
  })

  it('skips script, style, noscript, template, textarea and form controls', () => {
    const select = el('select', {}, el('option', {}, 'option text'))
    const root = mount(el('div', {},
      'visible',
      el('script', {}, 'script text'),
      el('style', {}, 'style text'),
      el('noscript', {}, 'noscript text'),
      el('template', {}, 'template text'),
      el('textarea', {}, 'textarea text'),
      el('input', { value: 'input value' }),
      select,
      el('span', {}, 'after')))
    const all = texts(collectTextBlocks(root)).join('|')
    expect(all).toContain('visible')
    expect(all).toContain('after')
    for (const hidden of ['script', 'style', 'noscript', 'template', 'textarea', 'input value', 'option']) {
      expect(all).not.toContain(hidden)
    }
  })

  it('skips contenteditable regions but not contenteditable="false"', () => {
    const root = mount(
      el('div', { contenteditable: '' }, 'editor one'),
      el('div', { contenteditable: 'true' }, 'editor two'),
      el('div', { contenteditable: 'plaintext-only' }, 'editor three'),
      el('div', { contenteditable: 'false' }, 'read only'),
    )
    expect(texts(collectTextBlocks(root))).toEqual(['read only'])
  })

  it('ignores attributes and comments; a comment does not end a run', () => {
    const root = mount(el('p', { title: SHA256, 'data-hash': SHA256 }, 'left', document.createComment(SHA256), 'right'))
    expect(texts(collectTextBlocks(root))).toEqual(['leftright'])
  })

  it('walks into open shadow roots, with the shadow root as the block root', () => {
    const host = el('div', {})
    const shadow = host.attachShadow({ mode: 'open' })
    shadow.append(el('p', {}, 'in ', el('span', {}, 'shadow')))
    const seen: ShadowRoot[] = []
    const root = mount(el('p', {}, 'before'), host, el('p', {}, 'after'))
    const blocks = collectTextBlocks(root, { onShadowRoot: (shadowRoot) => seen.push(shadowRoot) })
    expect(texts(blocks)).toEqual(['before', 'in shadow', 'after'])
    expect(blocks[1]?.root).toBe(shadow)
    expect(blocks[0]?.root).toBe(document)
    expect(seen).toEqual([shadow])
  })

  it('names the nearest block container of each run', () => {
    const paragraph = el('p', {}, 'x ', el('span', {}, 'y'))
    const root = mount(paragraph)
    expect(collectTextBlocks(root)[0]?.container).toBe(paragraph)
  })

  it('can pause and resume', () => {
    const root = mount(...Array.from({ length: 300 }, (_, index) => el('p', {}, `line ${index}`)))
    const blocks: TextBlock[] = []
    const walker = new BlockWalker(root, (block) => blocks.push(block))
    let pauses = 0
    while (!walker.walk(() => true)) pauses++
    expect(pauses).toBeGreaterThan(3)
    expect(blocks).toHaveLength(300)
    expect(blocks[299]?.text).toBe('line 299')
  })

  it('stops at nodes the page removed while paused', () => {
    const paragraphs = Array.from({ length: 200 }, (_, index) => el('p', {}, `line ${index}`))
    const root = mount(el('section', {}, ...paragraphs))
    const blocks: TextBlock[] = []
    const walker = new BlockWalker(root, (block) => blocks.push(block))
    expect(walker.walk(() => true)).toBe(false)
    const seen = blocks.length
    for (const paragraph of paragraphs.slice(seen)) paragraph.remove()
    expect(walker.walk()).toBe(true)
    // At most the run in progress at the pause is finished; the removed rest is not walked
    // (its parent's mutation record brings a rescan instead).
    expect(blocks.length).toBeLessThanOrEqual(seen + 1)
  })
})

describe('spanOfMatch', () => {
  it('maps a hash split over three spans back to a range across them', () => {
    const first = el('span', {}, SHA256.slice(0, 10))
    const second = el('span', {}, SHA256.slice(10, 40))
    const third = el('span', {}, `${SHA256.slice(40)} tail`)
    const root = mount(el('pre', {}, 'hash=', first, second, third))
    const [block] = collectTextBlocks(root)
    const start = block!.text.indexOf(SHA256)
    const span = spanOfMatch(block!, start, start + SHA256.length)
    expect(span.startNode).toBe(first.firstChild)
    expect(span.startOffset).toBe(0)
    expect(span.endNode).toBe(third.firstChild)
    expect(span.endOffset).toBe(SHA256.length - 40)
    expect(span.nodes).toEqual([first.firstChild, second.firstChild, third.firstChild])
    const range = document.createRange()
    range.setStart(span.startNode, span.startOffset)
    range.setEnd(span.endNode, span.endOffset)
    expect(range.toString()).toBe(SHA256)
  })

  it('maps a hash inside one text node', () => {
    const root = mount(el('p', {}, 'one ', el('b', {}, 'two'), ` three ${SHA256} four`))
    const [block] = collectTextBlocks(root)
    const start = block!.text.indexOf(SHA256)
    const span = spanOfMatch(block!, start, start + SHA256.length)
    expect(span.startNode).toBe(span.endNode)
    expect(span.nodes).toHaveLength(1)
    expect(span.startNode.data.slice(span.startOffset, span.endOffset)).toBe(SHA256)
  })
})

describe('nearestBlockContainer', () => {
  it('climbs inline ancestors to the block', () => {
    const text = document.createTextNode('x')
    const paragraph = el('p', {}, el('span', {}, el('b', {}, text)))
    mount(paragraph)
    expect(nearestBlockContainer(text)).toBe(paragraph)
  })

  it('stops at a shadow root', () => {
    const host = el('div', {})
    const shadow = host.attachShadow({ mode: 'open' })
    const text = document.createTextNode('x')
    shadow.append(el('span', {}, text))
    mount(host)
    expect(nearestBlockContainer(text)).toBe(shadow)
  })

  it('returns null inside editors, textareas and detached nodes', () => {
    const editable = document.createTextNode('typed')
    mount(el('div', { contenteditable: 'true' }, el('p', {}, editable)))
    expect(nearestBlockContainer(editable)).toBeNull()
    const inTextarea = document.createTextNode('x')
    mount(el('textarea', {}, inTextarea))
    expect(nearestBlockContainer(inTextarea)).toBeNull()
    expect(nearestBlockContainer(document.createTextNode('detached'))).toBeNull()
  })

  it('treats a document in design mode as an editor', () => {
    const text = document.createTextNode('x')
    mount(el('p', {}, text))
    document.designMode = 'on'
    expect(isInIgnoredTree(text)).toBe(true)
  })
})

describe('elementOfText', () => {
  it('is the text\'s parent element, or for text right under a shadow root its host', () => {
    const inParagraph = document.createTextNode('x')
    const paragraph = el('p', {}, inParagraph)
    const host = el('div', {})
    const shadow = host.attachShadow({ mode: 'open' })
    const underRoot = document.createTextNode('y')
    shadow.append(underRoot)
    mount(paragraph, host)
    expect(elementOfText(inParagraph, document)).toBe(paragraph)
    expect(elementOfText(underRoot, shadow)).toBe(host)
  })
})
