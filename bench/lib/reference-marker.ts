/**
 * The reference content script of the page-cost benchmark: what popular hash and IOC
 * highlighters do. Once the page has loaded (where a document_idle content script starts), it
 * walks every text node, runs a regular expression over it and wraps each match in a <span>;
 * then a MutationObserver does the same for every node the page adds. It looks nothing up:
 * only its cost in the page is compared.
 *
 * It is injected with page.addInitScript into the main world; the sourceURL names it in the
 * profiler's stacks, which is how the benchmark charges its time.
 */
export const REFERENCE_SOURCE_URL = 'hashlens-bench-reference-marker.js'

/**
 * Plain JavaScript on purpose: a function's toString() after tsx's transform could carry
 * helpers (`__name`) that do not exist in the page.
 */
const REFERENCE_MARKER_SOURCE = String.raw`(() => {
  const HASH = /(?<![0-9a-f])(?:[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-f])/gi
  const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'TITLE'])
  const MARK_CLASS = 'ref-hash-mark'

  function wrapMatches(node) {
    const text = node.data
    HASH.lastIndex = 0
    if (!HASH.test(text)) return false
    HASH.lastIndex = 0
    const fragment = document.createDocumentFragment()
    let last = 0
    for (const match of text.matchAll(HASH)) {
      if (match.index > last) fragment.append(text.slice(last, match.index))
      const span = document.createElement('span')
      span.className = MARK_CLASS
      span.dataset.hash = match[0].toLowerCase()
      span.textContent = match[0]
      fragment.append(span)
      last = match.index + match[0].length
    }
    if (last < text.length) fragment.append(text.slice(last))
    node.replaceWith(fragment)
    return true
  }

  function isScanned(node) {
    const parent = node.parentElement
    return parent !== null && !SKIPPED.has(parent.tagName) && !parent.classList.contains(MARK_CLASS)
  }

  // Marks the trace (as HashLens marks its draws) so the benchmark can tell the frames that
  // render these changes: a no-op unless a trace is recording.
  function scan(root) {
    if (root.nodeType === 3) {
      if (isScanned(root) && wrapMatches(root)) console.timeStamp('reference draw')
      return
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (isScanned(node) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
    })
    const nodes = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node)
    let wrapped = 0
    for (const node of nodes) if (wrapMatches(node)) wrapped++
    if (wrapped > 0) console.timeStamp('reference draw')
  }

  addEventListener('load', () => {
    const style = document.createElement('style')
    style.textContent = '.' + MARK_CLASS + '{background:rgba(220,38,38,.28);text-decoration:underline}'
    document.head.append(style)
    scan(document.body)
    new MutationObserver((records) => {
      for (const record of records) {
        for (const added of record.addedNodes) {
          if (added.nodeType === 1 && added.classList.contains(MARK_CLASS)) continue
          scan(added)
        }
      }
    }).observe(document.body, { childList: true, subtree: true })
  })
})()
//# sourceURL=${REFERENCE_SOURCE_URL}
`

/**
 * The script for page.addInitScript. Playwright wraps init scripts in its own, so a
 * sourceURL comment in them names nothing; an indirect eval gives the code its own name.
 */
export const REFERENCE_MARKER_SCRIPT = `(0, eval)(${JSON.stringify(REFERENCE_MARKER_SOURCE)})`
