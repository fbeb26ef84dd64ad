/**
 * Layout changes that cannot wait for the paced mutation redraw (mark-painter.ts): a CSS animation or transition
 * moving a mark (followed every frame while it runs), and a mutation that may have put something over a mark (a
 * modal shown while the page keeps changing).
 */

/** An animation is followed this long at most (an infinite one would cost a redraw a frame for ever); its end still redraws. */
export const MOTION_FOLLOW_LIMIT_MS = 5000

/** Elements looked at per mutation batch: a page adding thousands of rows is not styled here for each. */
const COVER_CHECKS_PER_BATCH = 32

export interface MotionSource {
  /** Whether an animated element holds a drawn mark. */
  isAroundMark(element: Element): boolean
  /** Called once in every frame while a followed animation runs. */
  onFrame(): void
  requestFrame(callback: () => void): void
  now(): number
}

/** Listens on `target` (the document, or a shadow root: these events are not composed) from now until `signal` aborts. */
export type MotionListener = (target: Document | ShadowRoot) => void

export function followMotion(source: MotionSource, signal: AbortSignal): MotionListener {
  /** Per animated element, when each of its running animations or transitions (by name or property) began. */
  const running = new Map<Element, Map<string, number>>()
  let isTicking = false

  const keyOf = (event: Event): string => (event as AnimationEvent).animationName ?? `transition ${(event as TransitionEvent).propertyName}`

  function onStart(event: Event): void {
    const target = event.target
    if (!(target instanceof Element) || !source.isAroundMark(target)) return
    let animations = running.get(target)
    if (!animations) running.set(target, (animations = new Map()))
    animations.set(keyOf(event), source.now())
    if (!isTicking) {
      isTicking = true
      source.requestFrame(tick)
    }
  }

  function onStop(event: Event): void {
    const target = event.target as Element
    const animations = running.get(target)
    if (animations?.delete(keyOf(event)) && animations.size === 0) running.delete(target)
  }

  function tick(): void {
    const expired = source.now() - MOTION_FOLLOW_LIMIT_MS
    for (const [target, animations] of running) {
      for (const [key, startedAt] of animations) if (startedAt <= expired) animations.delete(key)
      if (animations.size === 0) running.delete(target)
    }
    if (signal.aborted || running.size === 0) {
      isTicking = false
      return
    }
    source.onFrame()
    source.requestFrame(tick)
  }

  return (target) => {
    const options = { capture: true, passive: true, signal }
    target.addEventListener('animationstart', onStart, options)
    target.addEventListener('transitionrun', onStart, options)
    for (const type of ['animationend', 'animationcancel', 'transitionend', 'transitioncancel']) target.addEventListener(type, onStop, options)
  }
}

function isInTopLayer(element: Element): boolean {
  try {
    return element.matches(':modal, :popover-open')
  } catch {
    // Selectors this browser does not know: it has no such top layer either.
    return false
  }
}

/** Whether a shown or added element may now lie over marks: fixed or sticky, in the top layer, or an added positioned layer. */
export function mayCoverMarks(records: readonly MutationRecord[], styleOf: (element: Element) => CSSStyleDeclaration): boolean {
  let checks = COVER_CHECKS_PER_BATCH
  const isCovering = (node: Node, isAdded: boolean): boolean => {
    if (node.nodeType !== 1 || !node.isConnected) return false
    checks--
    const element = node as Element
    const { position, zIndex } = styleOf(element)
    return position === 'fixed' || position === 'sticky' || (isAdded && position === 'absolute' && zIndex !== 'auto') || isInTopLayer(element)
  }
  for (const record of records) {
    if (record.type === 'attributes' && isCovering(record.target, false)) return true
    if (record.type === 'childList') for (const node of record.addedNodes) if (checks > 0 && isCovering(node, true)) return true
    if (checks <= 0) return false
  }
  return false
}
