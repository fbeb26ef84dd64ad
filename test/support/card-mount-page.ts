/**
 * Browser side of the card's test mount (card-mount.ts builds it): the real HoverCard with an open shadow root, which
 * only this page makes, so axe and the contrast check can read its DOM. English texts from messages.json.
 */
import messages from '../../public/_locales/en/messages.json' with { type: 'json' }
import type { HashType } from '../../src/shared/hash.ts'
import type { HashState } from '../../src/shared/verdict.ts'
import { HoverCard } from '../../src/content/hover-card.ts'
import { getMessageFrom, type MessageFile } from './chrome-i18n.ts'

const host = globalThis as { chrome?: Record<string, unknown> }
host.chrome = { i18n: { getMessage: (name: string, substitutions?: string[]) => getMessageFrom(messages as MessageFile, name, substitutions) } }

let card: HoverCard | null = null

/** Shows the card for `state` next to a hash at the top left, as the content script would. */
function mountCard(hash: string, type: HashType, state: HashState): void {
  card?.remove()
  card = new HoverCard({
    document,
    pivotNames: ['Spectra Analyze'],
    onOpenPivot: () => undefined,
    onLookUp: () => undefined,
    onLookUpAgain: () => undefined,
    details: { open: () => undefined },
    onPointerInside: () => undefined,
    shadowRootMode: 'open',
  })
  card.show(hash, type, state, { left: 40, top: 40, right: 600, bottom: 60 })
}

(globalThis as { mountCard?: typeof mountCard }).mountCard = mountCard
