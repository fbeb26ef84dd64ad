/**
 * Plain DOM built by hand: a small content script, and service or page text stays text.
 * The page must neither read nor change the card (issue 12): a closed shadow root on a plain `div` (a custom element
 * name can be defined by the page first), under <html> (pages replace their body), its host styled inline with
 * `!important` and checked before each show. The host spans the viewport and lets the pointer through; the card in it
 * has one fixed size whatever it says, and its place depends on the hash's box and the viewport alone, so no box,
 * hit test or mutation the page can see varies with the verdict. All its words, the hash too, are CSS generated
 * content: `window.find()` and the selection search closed shadow roots' text but not generated content, which the
 * accessibility tree still reads. Every card has the same buttons in the same order (one that does not apply is
 * aria-disabled, still focusable), of the same sizes, pinned to its foot and kept across updates: the Tab stops, focus
 * events and pointer positions a page can follow never vary with the state; the pivots' buttons follow, one a row, as
 * many as the settings name. Actions use the card's own data, never the DOM's; a pivot's URL is the worker's alone.
 */
import { HASH_TYPE_LABEL, type HashType } from '../shared/hash.ts'
import { describeBudgetStop, describeHashError, describeSkip, stateLabel } from '../shared/status-text.ts'
import { t } from '../shared/i18n.ts'
import { badgeColorsOf } from '../shared/tone-palette.ts'
import type { HashState, Verdict } from '../shared/verdict.ts'
import { toneOf, VERDICT_TONES } from '../shared/verdict-tone.ts'
import { adoptStyles } from './shadow-styles.ts'

/** A rectangle in viewport coordinates (a DOMRect fits). */
export interface ViewportRect {
  left: number
  top: number
  right: number
  bottom: number
}

export interface HoverCardOptions {
  document: Document
  /** One button each, named as given (as text); the worker holds their URLs. */
  pivotNames: readonly string[]
  /** A pivot button: the worker opens that pivot (by its place in the list) for the hash. */
  onOpenPivot: (hash: string, pivot: number) => void
  /** "Look up" on a hash that was not looked up. */
  onLookUp: (hash: string) => void
  /** "Look up again" and "Retry": bypass the cache. */
  onLookUpAgain: (hash: string) => void
  /**
   * "Details": opens the side panel where a page click may (Chromium); elsewhere the button says how (`hint`, read when
   * the card is built, so a page nobody hovers reads no text for it).
   */
  details: { open: (hash: string) => void } | { hint: () => string }
  onPointerInside: (isInside: boolean) => void
  /** A page can dispatch events at the host: only the user's input may act. */
  isTrustedEvent?: (event: Event) => boolean
  writeToClipboard?: (text: string) => Promise<void>
  /** 'open' only where a test reads the card's DOM (unit tests, the axe mount page); pages get 'closed'. */
  shadowRootMode?: ShadowRootMode
}

const CARD_WIDTH = 320
/** Fits a verdict with every fact and the three actions in English (pivots add rows); longer text scrolls inside, so the box never tells. */
const CARD_HEIGHT = 272
const VIEWPORT_MARGIN = 8
const ANCHOR_GAP = 6
/** Each pivot adds a row of one button to the card: its size follows the settings alone, never the state. */
const PIVOT_ROW_HEIGHT = 32
const COPY_FEEDBACK_MS = 1500
/** Long enough to read a sentence. */
const HINT_SHOWN_MS = 4000
/** A page that restyles every new host would otherwise loop with the repair forever: past this, no card until the next show. */
const REPAIRS_PER_SHOW = 3

/** The host covers the viewport without catching the pointer: only the card, of fixed size, is hit. */
const HOST_STYLE: Record<string, string> = {
  all: 'initial', display: 'block', position: 'fixed', top: '0', left: '0', right: '0', bottom: '0',
  'z-index': '2147483647', 'pointer-events': 'none', contain: 'strict', visibility: 'visible', opacity: '1',
}

const BADGE_TONE_RULES = VERDICT_TONES.map((tone) => {
  const { background, color, borderColor } = badgeColorsOf(tone)
  return `.badge[data-tone=${tone}]{background:${background};color:${color};border-color:${borderColor}}`
}).join('')

// `all: initial` first: custom properties and inherited values from the page stop at the card.
const CARD_CSS = `
.card{all:initial;display:flex;flex-direction:column;position:absolute;box-sizing:border-box;overflow:auto;
overscroll-behavior:contain;border-radius:10px;border:1px solid var(--border);background:var(--surface);color:var(--text);
font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;text-align:left;
direction:ltr;box-shadow:0 12px 32px rgba(0,0,0,.2),0 2px 6px rgba(0,0,0,.1);pointer-events:auto;
--focus:#2563eb;--text:#111827;--muted:#4b5563;--surface:#fff;--border:#e5e7eb;--button:#f9fafb;--button-hover:#f3f4f6}
.card[hidden]{display:none}
[data-text]::before{content:attr(data-text)}
@media (prefers-color-scheme:dark){.card{--focus:#60a5fa;--text:#f3f4f6;--muted:#9ca3af;--surface:#1f2937;--border:#374151;
--button:#273244;--button-hover:#334155}}
.head{display:flex;align-items:center;gap:8px}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;font-weight:600;font-size:12px;line-height:20px;
border:1px solid}
${BADGE_TONE_RULES}
.type{margin-left:auto;font-size:11px;font-weight:600;letter-spacing:.04em;color:var(--muted)}
.hash{margin-top:8px;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all;
color:var(--text)}
.status{margin:8px 0 0;color:var(--muted)}
.facts{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:8px 0 0}
.facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
.content{flex:1 0 auto;padding:12px 14px 0}
.pivots{display:flex;flex-direction:column;align-items:flex-start;gap:6px;padding:0 14px 12px;background:var(--surface)}
.actions{position:sticky;bottom:0;display:flex;flex-wrap:wrap;gap:6px;padding:10px 14px 12px;background:var(--surface)}
.action{font:inherit;font-size:12px;line-height:18px;padding:3px 10px;border-radius:6px;border:1px solid var(--border);
background:var(--button);color:var(--text);cursor:pointer}
.action:hover{background:var(--button-hover)}
.action[aria-disabled=true]{color:var(--muted);background:var(--button);cursor:default}
.action:focus-visible{outline:2px solid var(--focus);outline-offset:1px}
.action{display:inline-grid}.action::before,.sizer{grid-area:1/1}.sizer{visibility:hidden}
.sizer::before{content:attr(data-sizer)}
`

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

/** Why a hash was not looked up, as far as the card knows. */
function describeIdle(state: Extract<HashState, { state: 'idle' }>): string {
  if (state.stoppedBy) return describeBudgetStop(state.stoppedBy)
  return state.skippedAs ? describeSkip(state.skippedAs) : t('cardNotLookedUpYet')
}

/** The top-left corner of a card of the given size: below the hash when it fits, else above, inside the viewport. */
export function cardPosition(anchor: ViewportRect, size: { width: number; height: number }, viewport: { width: number; height: number }): { left: number; top: number } {
  let top = anchor.bottom + ANCHOR_GAP
  if (top + size.height > viewport.height - VIEWPORT_MARGIN && anchor.top - ANCHOR_GAP - size.height >= VIEWPORT_MARGIN) {
    top = anchor.top - ANCHOR_GAP - size.height
  }
  top = Math.max(VIEWPORT_MARGIN, Math.min(top, viewport.height - VIEWPORT_MARGIN - size.height))
  const left = Math.max(VIEWPORT_MARGIN, Math.min(anchor.left, viewport.width - VIEWPORT_MARGIN - size.width))
  return { left: Math.round(left), top: Math.round(top) }
}

/** Named by `aria-label` too: not every checker (axe) counts generated content in a button's name, as browsers do. */
function labelButton(button: HTMLButtonElement, label: string): void {
  button.dataset.text = label
  button.setAttribute('aria-label', label)
}

/**
 * Sized for the widest of the labels it can show, each laid invisibly in the label's place: no label the state picks
 * moves or wraps a button, so where the user's pointer goes to click tells the page nothing.
 */
function sizeButtonFor(button: HTMLButtonElement, labels: string[]): void {
  for (const label of labels) {
    const sizer = button.ownerDocument.createElement('span')
    sizer.className = 'sizer'
    sizer.dataset.sizer = label
    button.append(sizer)
  }
}

/** The host and what only HashLens holds: its closed root's card, and the style it was given. */
interface CardMount {
  host: HTMLElement
  card: HTMLElement
  /** What the state decides; the buttons after it stay, pinned to the card's foot, so an update keeps the user's focus. */
  content: HTMLElement
  actions: HTMLElement
  /** Look up, Retry or Look up again, as the state has it; aria-disabled while the lookup runs. */
  lookUpButton: HTMLButtonElement
  copyButton: HTMLButtonElement
  /** The pivots' buttons, one a row after the actions (which stay pinned while a long verdict scrolls); none without pivots. */
  pivots: HTMLElement | null
  styleText: string
  observer: MutationObserver
}

export class HoverCard {
  private mount: CardMount | null = null
  private readonly doc: Document
  private readonly isTrustedEvent: (event: Event) => boolean
  private readonly writeToClipboard: (text: string) => Promise<void>
  private current: { hash: string; type: HashType; state: HashState | undefined } | null = null
  private anchor: ViewportRect | null = null
  /** Built and placed, but not yet revealed (see prerender). */
  private isPrerendered = false
  private repairsLeft = REPAIRS_PER_SHOW

  constructor(private readonly options: HoverCardOptions) {
    this.doc = options.document
    this.isTrustedEvent = options.isTrustedEvent ?? ((event) => event.isTrusted)
    this.writeToClipboard = options.writeToClipboard ?? ((text) => navigator.clipboard.writeText(text))
  }

  get shownHash(): string | null {
    return this.current?.hash ?? null
  }

  get isOpen(): boolean {
    return this.current !== null && !this.isPrerendered
  }

  /** Whether the pointer's target is the card (its host, which events inside the closed root are retargeted to). */
  isCardTarget(target: EventTarget | null): boolean {
    return target !== null && target === this.mount?.host
  }

  /** The card's element while it is shown, for the test builds' channel (card-test-channel.ts) only. */
  get shownCard(): HTMLElement | null {
    return this.isOpen ? this.mount?.card ?? null : null
  }

  /** Puts the (hidden) card in the page ahead of its first show, so showing it costs little. */
  prepare(): void {
    if (this.mount === null || !this.isIntact(this.mount)) this.rebuild()
  }

  /** Invisibly, so style and layout happen during the hover delay and show() only reveals it. */
  prerender(hash: string, type: HashType, state: HashState | undefined, anchor: ViewportRect): void {
    this.prepare()
    this.isPrerendered = true
    this.mount!.card.style.visibility = 'hidden'
    this.current = { hash, type, state }
    this.anchor = anchor
    this.render()
  }

  show(hash: string, type: HashType, state: HashState | undefined, anchor: ViewportRect): void {
    const wasIntact = this.mount !== null && this.isIntact(this.mount)
    this.prepare()
    const isReady = wasIntact && this.isPrerendered && this.current?.hash === hash && this.current.state === state
    this.isPrerendered = false
    this.repairsLeft = REPAIRS_PER_SHOW
    if (!isReady) {
      this.current = { hash, type, state }
      this.anchor = anchor
      this.render()
    }
    this.mount!.card.style.visibility = ''
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
    const card = this.mount?.card
    if (!card) return
    card.style.visibility = ''
    card.hidden = true
    card.replaceChildren()
  }

  /** Takes the host out of the page (the controller's abort). */
  remove(): void {
    this.hide()
    this.discardMount()
  }

  /**
   * What the page could have done to the host: moved or removed it, restyled it, added attributes (`inert`, `dir`,
   * `popover`). Its closed root's content is out of its reach.
   */
  private isIntact(mount: CardMount): boolean {
    const { host } = mount
    return host.parentNode === this.doc.documentElement && host.attributes.length === 1 && host.getAttribute('style') === mount.styleText
  }

  private discardMount(): void {
    if (!this.mount) return
    this.mount.observer.disconnect()
    this.mount.host.remove()
    this.mount = null
  }

  private rebuild(): void {
    this.discardMount()
    const doc = this.doc
    const host = doc.createElement('div')
    for (const [property, value] of Object.entries(HOST_STYLE)) host.style.setProperty(property, value, 'important')
    const shadow = host.attachShadow({ mode: this.options.shadowRootMode ?? 'closed' })
    adoptStyles(shadow, CARD_CSS)
    const card = doc.createElement('div')
    card.className = 'card'
    // A non-modal dialog, not a tooltip: it holds buttons (a tooltip may hold only text,
    // https://www.w3.org/TR/wai-aria-1.2/#tooltip). Escape closes it (hover-controller.ts).
    card.setAttribute('role', 'dialog')
    card.setAttribute('aria-label', t('cardLabel'))
    card.hidden = true
    card.addEventListener('pointerenter', (event) => {
      if (this.isTrustedEvent(event)) this.options.onPointerInside(true)
    })
    card.addEventListener('pointerleave', (event) => {
      if (this.isTrustedEvent(event)) this.options.onPointerInside(false)
    })
    shadow.append(card)
    const actions = this.element('div', 'actions')
    const lookUpButton = this.button((shown, state) => {
      if (state?.state === 'idle') this.options.onLookUp(shown)
      else if (state?.state === 'error' || state?.state === 'verdict') this.options.onLookUpAgain(shown)
    })
    sizeButtonFor(lookUpButton, [t('cardLookUp'), t('cardRetry'), t('cardLookUpAgain')])
    const copyButton = this.copyButton()
    sizeButtonFor(copyButton, [t('cardCopy'), t('cardCopied'), t('cardCopyFailed')])
    const detailsButton = this.detailsButton()
    actions.append(lookUpButton, copyButton, detailsButton)
    const pivots = this.pivotButtons()
    // A restyled host while the card is open (hidden, made inert, recoloured) is replaced at once, not at the next show.
    const observer = new MutationObserver(() => this.repairIfOpen())
    const content = this.element('div', 'content')
    const styleText = host.getAttribute('style') ?? ''
    const mount: CardMount = { host, card, content, actions, lookUpButton, copyButton, pivots, styleText, observer }
    this.mount = mount
    doc.documentElement.append(host)
    observer.observe(host, { attributes: true })
  }

  private repairIfOpen(): void {
    if (this.mount === null || this.isIntact(this.mount) || this.current === null) return
    if (this.repairsLeft-- <= 0) {
      this.hide()
      return
    }
    const wasPrerendered = this.isPrerendered
    this.rebuild()
    if (wasPrerendered) this.mount!.card.style.visibility = 'hidden'
    this.render()
  }

  private render(): void {
    const current = this.current
    const mount = this.mount
    if (!current || !mount) return
    const { card, content, actions, pivots } = mount
    const { hash, type, state } = current
    const parts: Node[] = []

    const head = this.element('div', 'head')
    // The popup's word for the state; no answer yet reads as looking up, as the status line says.
    const badge = this.element('span', 'badge', stateLabel(state ?? { state: 'pending' }))
    badge.dataset.tone = toneOf(state ?? { state: 'pending' })
    head.append(badge, this.element('span', 'type', HASH_TYPE_LABEL[type]))
    parts.push(head, this.element('div', 'hash', hash))

    let lookUpLabel = t('cardLookUp')
    switch (state?.state) {
      case undefined:
      case 'pending':
        parts.push(this.element('p', 'status', t('cardLookingUp')))
        break
      case 'idle':
        parts.push(this.element('p', 'status', describeIdle(state)))
        break
      case 'error':
        parts.push(this.element('p', 'status', describeHashError(state)))
        lookUpLabel = t('cardRetry')
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
        lookUpLabel = t('cardLookUpAgain')
        break
      }
    }
    labelButton(mount.lookUpButton, lookUpLabel)
    const isLookingUp = state === undefined || state.state === 'pending'
    if (isLookingUp) mount.lookUpButton.setAttribute('aria-disabled', 'true')
    else mount.lookUpButton.removeAttribute('aria-disabled')

    content.replaceChildren(...parts)
    // Appended again only after hide() emptied the card: moving a focused button would drop the user's focus.
    if (content.parentNode !== card) {
      labelButton(mount.copyButton, t('cardCopy'))
      card.replaceChildren(content, actions, ...pivots ? [pivots] : [])
    }
    card.hidden = false
    card.scrollTop = 0
    this.place(card)
  }

  private get cardHeight(): number {
    return CARD_HEIGHT + PIVOT_ROW_HEIGHT * this.options.pivotNames.length
  }

  /** No layout read: the card's size is fixed, so its place follows from the hash's box and the viewport. */
  private place(card: HTMLElement): void {
    const anchor = this.anchor
    if (!anchor) return
    const viewport = {
      width: this.doc.documentElement.clientWidth || window.innerWidth,
      height: Math.min(window.innerHeight, this.doc.documentElement.clientHeight || window.innerHeight),
    }
    const size = {
      width: Math.max(0, Math.min(CARD_WIDTH, viewport.width - 2 * VIEWPORT_MARGIN)),
      height: Math.max(0, Math.min(this.cardHeight, viewport.height - 2 * VIEWPORT_MARGIN)),
    }
    const { left, top } = cardPosition(anchor, size, viewport)
    card.style.width = `${size.width}px`
    card.style.height = `${size.height}px`
    card.style.left = `${left}px`
    card.style.top = `${top}px`
  }

  /** Its text, if any, shown as generated content (see the top of this file). */
  private element(tag: string, className: string, text?: string): HTMLElement {
    const element = this.doc.createElement(tag)
    if (className) element.className = className
    if (text !== undefined) element.dataset.text = text
    return element
  }

  /** Acts on the hash and state the card holds, for the user's own clicks (and Enter or Space) only. */
  private button(onClick: (shownHash: string, state: HashState | undefined) => void): HTMLButtonElement {
    const button = this.element('button', 'action') as HTMLButtonElement
    button.type = 'button'
    button.addEventListener('click', (event) => {
      const current = this.current
      if (this.isTrustedEvent(event) && current !== null && this.isOpen) onClick(current.hash, current.state)
    })
    return button
  }

  /** Whether there are any, and which, depends on the settings alone, never on the state. */
  private pivotButtons(): HTMLElement | null {
    const { pivotNames, onOpenPivot } = this.options
    if (pivotNames.length === 0) return null
    const row = this.element('div', 'pivots')
    pivotNames.forEach((name, index) => {
      const button = this.button((shown) => onOpenPivot(shown, index))
      labelButton(button, t('pivotOpenIn', name))
      row.append(button)
    })
    return row
  }

  private detailsButton(): HTMLButtonElement {
    const { details } = this.options
    const hint = 'hint' in details ? details.hint() : null
    const button = this.button((shown) => {
      if ('open' in details) {
        details.open(shown)
        return
      }
      labelButton(button, hint!)
      setTimeout(() => labelButton(button, t('cardDetails')), HINT_SHOWN_MS)
    })
    sizeButtonFor(button, hint === null ? [t('cardDetails')] : [t('cardDetails'), hint])
    labelButton(button, t('cardDetails'))
    return button
  }

  private copyButton(): HTMLButtonElement {
    const button = this.button((shown) => {
      const showResult = (text: string): void => {
        labelButton(button, text)
        setTimeout(() => labelButton(button, t('cardCopy')), COPY_FEEDBACK_MS)
      }
      this.writeToClipboard(shown).then(() => showResult(t('cardCopied')), () => showResult(t('cardCopyFailed')))
    })
    return button
  }
}
