/**
 * Plain DOM with `textContent`: a small content script, and service or page text stays text.
 * An open shadow root (e2e tests look in) on a host under <html>, not <body> (pages replace
 * their body), styled `all: initial !important` so page CSS cannot restyle or hide it. Its
 * listeners go with the host, which the controller removes on abort.
 */
import { HASH_TYPE_LABEL, type HashType } from '../shared/hash.ts'
import { describeBudgetStop, describeHashError, stateLabel } from '../shared/status-text.ts'
import { t } from '../shared/i18n.ts'
import { badgeColorsOf } from '../shared/tone-palette.ts'
import type { HashState, Verdict } from '../shared/verdict.ts'
import { toneOf, VERDICT_TONES } from '../shared/verdict-tone.ts'
import { CARD_HOST_TAG } from './text-blocks.ts'

/** A rectangle in viewport coordinates (a DOMRect fits). */
export interface ViewportRect {
  left: number
  top: number
  right: number
  bottom: number
}

export interface HoverCardOptions {
  document: Document
  analyzeUrlTemplate: string
  /** "Look up" on a hash that was not looked up. */
  onLookUp: (hash: string) => void
  /** "Look up again" and "Retry": bypass the cache. */
  onLookUpAgain: (hash: string) => void
  onPointerInside: (isInside: boolean) => void
  /** The shadow root is open, so a page script can click in it: only the user's input may start lookups. */
  isTrustedEvent?: (event: Event) => boolean
  writeToClipboard?: (text: string) => Promise<void>
}

const CARD_WIDTH = 320
const VIEWPORT_MARGIN = 8
const ANCHOR_GAP = 6
const COPY_FEEDBACK_MS = 1500

const BADGE_TONE_RULES = VERDICT_TONES.map((tone) => {
  const { background, color, borderColor } = badgeColorsOf(tone)
  return `.badge[data-tone=${tone}]{background:${background};color:${color};border-color:${borderColor}}`
}).join('')

const CARD_CSS = `
.card{position:fixed;box-sizing:border-box;width:${CARD_WIDTH}px;max-width:calc(100vw - ${2 * VIEWPORT_MARGIN}px);
padding:12px 14px;border-radius:10px;border:1px solid var(--border);background:var(--surface);color:var(--text);
font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;text-align:left;
direction:ltr;box-shadow:0 12px 32px rgba(0,0,0,.2),0 2px 6px rgba(0,0,0,.1);pointer-events:auto;
--text:#111827;--muted:#4b5563;--surface:#fff;--border:#e5e7eb;--button:#f9fafb;--button-hover:#f3f4f6}
@media (prefers-color-scheme:dark){.card{--focus:#60a5fa;--text:#f3f4f6;--muted:#9ca3af;--surface:#1f2937;--border:#374151;
--button:#273244;--button-hover:#334155}}
.head{display:flex;align-items:center;gap:8px}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;font-weight:600;font-size:12px;line-height:20px;
border:1px solid}
${BADGE_TONE_RULES}
.type{margin-left:auto;font-size:11px;font-weight:600;letter-spacing:.04em;color:var(--muted)}
.hash{margin-top:8px;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all;
color:var(--text);user-select:all}
.status{margin:8px 0 0;color:var(--muted)}
.facts{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:8px 0 0}
.facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:6px;margin-top:10px}
.action{font:inherit;font-size:12px;line-height:18px;padding:3px 10px;border-radius:6px;border:1px solid var(--border);
background:var(--button);color:var(--text);cursor:pointer;text-decoration:none}
.action:hover{background:var(--button-hover)}
.action:focus-visible{outline:2px solid var(--focus,#2563eb);outline-offset:1px}
`

/** Null unless the template gives an http(s) URL: a `javascript:` template must never become a link. */
export function analyzeUrlFor(template: string, hash: string): string | null {
  if (template.trim() === '') return null
  let url: URL
  try {
    url = new URL(template.trim().split('{hash}').join(encodeURIComponent(hash)))
  } catch {
    return null
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null
}

/** `2024-05-01` from an ISO timestamp; null when it is not a date. */
export function formatDay(iso: string | undefined): string | null {
  if (iso === undefined) return null
  const time = Date.parse(iso)
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10)
}

/** The label/value lines of a verdict, most telling first. */
export function verdictFacts(verdict: Verdict): Array<[string, string]> {
  const facts: Array<[string, string]> = []
  if (verdict.threatName) facts.push([t('cardFactThreat'), verdict.threatName])
  const isThreat = verdict.classification === 'MALICIOUS' || verdict.classification === 'SUSPICIOUS'
  if (isThreat && verdict.threatLevel !== undefined) facts.push([t('cardFactThreatLevel'), t('cardThreatLevelValue', verdict.threatLevel)])
  if (verdict.classification === 'KNOWN' && verdict.trustFactor !== undefined) {
    facts.push([t('cardFactTrustFactor'), t('cardTrustFactorValue', verdict.trustFactor)])
  }
  if (verdict.scannerCount !== undefined && verdict.scannerCount > 0) {
    facts.push([t('cardFactEngines'), t('cardEnginesValue', verdict.scannerMatch ?? 0, verdict.scannerCount)])
  }
  const firstSeen = formatDay(verdict.firstSeen)
  if (firstSeen) facts.push([t('cardFactFirstSeen'), firstSeen])
  const lastSeen = formatDay(verdict.lastSeen)
  if (lastSeen) facts.push([t('cardFactLastSeen'), lastSeen])
  return facts
}

function setImportant(element: HTMLElement, declarations: Record<string, string>): void {
  for (const [property, value] of Object.entries(declarations)) element.style.setProperty(property, value, 'important')
}

export class HoverCard {
  readonly host: HTMLElement
  private readonly card: HTMLElement
  private readonly doc: Document
  private readonly isTrustedEvent: (event: Event) => boolean
  private readonly writeToClipboard: (text: string) => Promise<void>
  private current: { hash: string; type: HashType; state: HashState | undefined } | null = null
  private anchor: ViewportRect | null = null
  /** Built and placed, but not yet revealed (see prerender). */
  private isPrerendered = false

  constructor(private readonly options: HoverCardOptions) {
    const doc = options.document
    this.doc = doc
    this.isTrustedEvent = options.isTrustedEvent ?? ((event) => event.isTrusted)
    this.writeToClipboard = options.writeToClipboard ?? ((text) => navigator.clipboard.writeText(text))
    this.host = doc.createElement(CARD_HOST_TAG)
    setImportant(this.host, {
      all: 'initial', position: 'fixed', 'z-index': '2147483647', top: '0', left: '0',
      width: '0', height: '0', overflow: 'visible', display: 'block',
    })
    const shadow = this.host.attachShadow({ mode: 'open' })
    this.adoptCardStyles(shadow)
    this.card = doc.createElement('div')
    this.card.className = 'card'
    // A non-modal dialog, not a tooltip: it holds buttons and a link (a tooltip may hold only
    // text, https://www.w3.org/TR/wai-aria-1.2/#tooltip). Escape closes it (hover-controller.ts).
    this.card.setAttribute('role', 'dialog')
    this.card.setAttribute('aria-label', t('cardLabel'))
    this.card.hidden = true
    this.card.addEventListener('pointerenter', (event) => {
      if (this.isTrustedEvent(event)) options.onPointerInside(true)
    })
    this.card.addEventListener('pointerleave', (event) => {
      if (this.isTrustedEvent(event)) options.onPointerInside(false)
    })
    shadow.append(this.card)
  }

  get shownHash(): string | null {
    return this.current?.hash ?? null
  }

  get isOpen(): boolean {
    return this.current !== null && !this.isPrerendered
  }

  /** Puts the (hidden) card in the page ahead of its first show, so showing it costs little. */
  prepare(): void {
    // Pages that rebuild <html>'s children (document.open, some SPA shells) drop the host.
    if (!this.host.isConnected) this.doc.documentElement.append(this.host)
  }

  /** Invisibly, so style and layout happen during the hover delay and show() only reveals it. */
  prerender(hash: string, type: HashType, state: HashState | undefined, anchor: ViewportRect): void {
    this.prepare()
    this.isPrerendered = true
    this.card.style.visibility = 'hidden'
    this.current = { hash, type, state }
    this.anchor = anchor
    this.render()
  }

  show(hash: string, type: HashType, state: HashState | undefined, anchor: ViewportRect): void {
    this.prepare()
    const isReady = this.isPrerendered && this.current?.hash === hash && this.current.state === state
    this.isPrerendered = false
    if (!isReady) {
      this.current = { hash, type, state }
      this.anchor = anchor
      this.render()
    }
    this.card.style.visibility = ''
  }

  /** New state for the shown hash (the answer arrived, a retry started). */
  update(state: HashState | undefined): void {
    if (!this.current) return
    this.current.state = state
    this.render()
  }

  hide(): void {
    this.current = null
    this.anchor = null
    this.isPrerendered = false
    this.card.style.visibility = ''
    this.card.hidden = true
    this.card.replaceChildren()
  }

  private adoptCardStyles(shadow: ShadowRoot): void {
    // A constructed sheet is not subject to the page's CSP `style-src`, unlike a <style> element.
    try {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(CARD_CSS)
      shadow.adoptedStyleSheets = [sheet]
    } catch {
      const style = this.doc.createElement('style')
      style.textContent = CARD_CSS
      shadow.append(style)
    }
  }

  private render(): void {
    const current = this.current
    if (!current) return
    const { hash, type, state } = current
    const card = this.card
    const parts: Node[] = []

    const tone = toneOf(state ?? { state: 'pending' })
    card.dataset.hashlensState = state?.state ?? 'pending'
    if (state?.state === 'verdict') card.dataset.hashlensClassification = state.verdict.classification
    else delete card.dataset.hashlensClassification

    const head = this.element('div', 'head')
    // The popup's word for the state; no answer yet reads as looking up, as the status line says.
    const badge = this.element('span', 'badge', stateLabel(state ?? { state: 'pending' }))
    badge.dataset.tone = tone
    head.append(badge, this.element('span', 'type', HASH_TYPE_LABEL[type]))
    parts.push(head, this.element('div', 'hash', hash))

    const actions = this.element('div', 'actions')
    switch (state?.state) {
      case undefined:
      case 'pending':
        parts.push(this.element('p', 'status', t('cardLookingUp')))
        break
      case 'idle':
        parts.push(this.element('p', 'status', state.stoppedBy ? describeBudgetStop(state.stoppedBy) : t('cardNotLookedUpYet')))
        actions.append(this.button(t('cardLookUp'), () => this.options.onLookUp(hash)))
        break
      case 'error':
        parts.push(this.element('p', 'status', describeHashError(state)))
        actions.append(this.button(t('cardRetry'), () => this.options.onLookUpAgain(hash)))
        break
      case 'verdict': {
        if (state.verdict.classification === 'NOT_FOUND') {
          parts.push(this.element('p', 'status', t('cardNoRecord')))
        }
        const facts = verdictFacts(state.verdict)
        if (facts.length > 0) {
          const list = this.element('dl', 'facts')
          for (const [label, value] of facts) list.append(this.element('dt', '', label), this.element('dd', '', value))
          parts.push(list)
        }
        actions.append(this.button(t('cardLookUpAgain'), () => this.options.onLookUpAgain(hash)))
        break
      }
    }
    actions.append(this.copyButton(hash))
    const analyzeUrl = analyzeUrlFor(this.options.analyzeUrlTemplate, hash)
    if (analyzeUrl !== null) actions.append(this.analyzeLink(analyzeUrl))
    parts.push(actions)

    card.replaceChildren(...parts)
    card.hidden = false
    this.place()
  }

  /** Below the hash when it fits, else above; one layout read (the card's height) per render. */
  private place(): void {
    const anchor = this.anchor
    if (!anchor) return
    const viewportWidth = this.doc.documentElement.clientWidth || window.innerWidth
    const viewportHeight = Math.min(window.innerHeight, this.doc.documentElement.clientHeight || window.innerHeight)
    const height = this.card.getBoundingClientRect().height
    const width = Math.min(CARD_WIDTH, viewportWidth - 2 * VIEWPORT_MARGIN)

    let top = anchor.bottom + ANCHOR_GAP
    if (top + height > viewportHeight - VIEWPORT_MARGIN && anchor.top - ANCHOR_GAP - height >= VIEWPORT_MARGIN) {
      top = anchor.top - ANCHOR_GAP - height
    }
    top = Math.max(VIEWPORT_MARGIN, Math.min(top, viewportHeight - VIEWPORT_MARGIN - height))
    const left = Math.max(VIEWPORT_MARGIN, Math.min(anchor.left, viewportWidth - VIEWPORT_MARGIN - width))
    this.card.style.left = `${Math.round(left)}px`
    this.card.style.top = `${Math.round(top)}px`
  }

  private element(tag: string, className: string, text?: string): HTMLElement {
    const element = this.doc.createElement(tag)
    if (className) element.className = className
    if (text !== undefined) element.textContent = text
    return element
  }

  private button(label: string, onClick: () => void): HTMLButtonElement {
    const button = this.element('button', 'action', label) as HTMLButtonElement
    button.type = 'button'
    button.addEventListener('click', (event) => {
      if (this.isTrustedEvent(event)) onClick()
    })
    return button
  }

  private copyButton(hash: string): HTMLButtonElement {
    const button = this.button(t('cardCopy'), () => {
      const showResult = (text: string): void => {
        button.textContent = text
        setTimeout(() => {
          button.textContent = t('cardCopy')
        }, COPY_FEEDBACK_MS)
      }
      this.writeToClipboard(hash).then(() => showResult(t('cardCopied')), () => showResult(t('cardCopyFailed')))
    })
    return button
  }

  private analyzeLink(url: string): HTMLAnchorElement {
    const link = this.element('a', 'action', t('cardOpenAnalyze')) as HTMLAnchorElement
    link.href = url
    link.target = '_blank'
    link.rel = 'noopener noreferrer'
    link.addEventListener('click', (event) => {
      if (!this.isTrustedEvent(event)) event.preventDefault()
    })
    return link
  }
}
