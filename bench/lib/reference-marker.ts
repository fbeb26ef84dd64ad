/**
 * Page cost's reference: what popular IOC highlighters do (regex over text nodes at load and on
 * every added node, matches wrapped in <span>s). Its sourceURL names it in the profiler's stacks.
 */
export const REFERENCE_SOURCE_URL = 'hashlens-bench-reference-marker.js'

/** A string, not a function: tsx's transform adds helpers (`__name`) the page does not have. */
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

  // Marks its draws in the trace, as HashLens does (a no-op unless a trace records).
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

/** Playwright wraps init scripts, so their sourceURL names nothing; an indirect eval keeps it. */
export const REFERENCE_MARKER_SCRIPT = `(0, eval)(${JSON.stringify(REFERENCE_MARKER_SOURCE)})`
