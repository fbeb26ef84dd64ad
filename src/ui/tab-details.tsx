/**
 * A tab's list with a row's detail view, as the popup and the side panel both show them (issue 14, item 3): "Details"
 * opens the view with focus on its Back button; Back or Escape closes it and gives focus back to that row's "Details".
 */
import type { ComponentChildren } from 'preact'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { DetailView } from './detail-view.tsx'
import { OpenPdfButton } from './open-pdf-button.tsx'
import { PivotLinks } from './pivot-links.tsx'
import { TabView } from './tab-view.tsx'

/**
 * `replacesList`: the view takes the list's place (the popup's little room), the list and `children` hidden but kept as
 * they were (filter, search, rows shown); else it shows above the list. `openedHash`: a detail view open at once.
 */
export function TabDetails({ tabId, openedHash = null, replacesList = false, children }: {
  tabId: number | null; openedHash?: string | null; replacesList?: boolean; children?: ComponentChildren
}) {
  const [detailsHash, setDetailsHash] = useState<string | null>(openedHash)
  const details = useRef<HTMLDivElement>(null)
  const list = useRef<HTMLDivElement>(null)
  // The hash whose view was closed last: its row's "Details" takes the focus back once the list shows again.
  const closedHash = useRef<string | null>(null)

  const close = useCallback(() => setDetailsHash((shown) => {
    closedHash.current = shown
    return null
  }), [])

  useEffect(() => {
    if (detailsHash !== null) {
      details.current?.querySelector<HTMLElement>('[data-details-back]')?.focus()
      return
    }
    const hash = closedHash.current
    closedHash.current = null
    if (hash !== null) list.current?.querySelector<HTMLElement>(`tr[data-hash="${CSS.escape(hash)}"] .hl-row-details`)?.focus()
  }, [detailsHash])

  // Escape anywhere but in the list (after "More", the focus can be on the body): the list's own keys stay its own.
  useEffect(() => {
    if (detailsHash === null) return undefined
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !list.current?.contains(document.activeElement)) close()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [detailsHash, close])

  const isListHidden = replacesList && detailsHash !== null
  return (
    <>
      {/* Above the list, or in its place; a key per hash: another row's view starts afresh. */}
      {detailsHash !== null && (
        <div ref={details} class="hl-stack">
          <DetailView key={detailsHash} hash={detailsHash} onClose={close} pivotLinks={<PivotLinks hash={detailsHash} />} />
        </div>
      )}
      <div ref={list} class="hl-stack" hidden={isListHidden}>
        {/* A view per tab: switching starts afresh, so a surface open all day holds one tab's list at most. */}
        {tabId !== null && <OpenPdfButton key={tabId} tabId={tabId} />}
        {tabId !== null && <TabView key={tabId} tabId={tabId} onDetails={setDetailsHash} />}
        {children}
      </div>
    </>
  )
}
