/**
 * Styles for a shadow root HashLens owns. A constructed sheet is not subject to the page's CSP `style-src`, unlike
 * a <style> element; Firefox's content scripts cannot set `adoptedStyleSheets` through their Xray wrappers
 * (bug 1770592), and there the <style> element, which Firefox exempts from the page's CSP for extensions, is used.
 */
export function adoptStyles(shadow: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    shadow.adoptedStyleSheets = [sheet]
  } catch {
    const style = shadow.ownerDocument.createElement('style')
    style.textContent = css
    shadow.append(style)
  }
}
