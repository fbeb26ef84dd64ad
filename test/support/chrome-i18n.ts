/**
 * Chrome's `i18n.getMessage` outside the browser, as Chromium's message_bundle.cc and
 * base::ReplaceStringPlaceholders do it: `$name$` (any case) → its `content`, then `$1`…`$9`
 * (missing: ''), `$x` dropped, n+1 `$` → n; an unknown name gives '', an undefined `$name$` throws.
 */
export type MessageFile = Record<string, {
  message: string
  description?: string
  placeholders?: Record<string, { content: string; example?: string }>
}>

const NAMED_PLACEHOLDER = /\$([a-zA-Z0-9_@]+)\$/g

/** Chromium does this when it loads the file. */
export function expandNamedPlaceholders(file: MessageFile, name: string): string | undefined {
  const entry = file[name]
  if (!entry) return undefined
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([key, value]) => [key.toLowerCase(), value.content]))
  return entry.message.replace(NAMED_PLACEHOLDER, (_whole, placeholder: string) => {
    const content = placeholders.get(placeholder.toLowerCase())
    // Chromium refuses to load the extension: "Variable $x$ used but not defined."
    if (content === undefined) throw new Error(`${name}: variable $${placeholder}$ used but not defined`)
    return content
  })
}

/** base::ReplaceStringPlaceholders: `$1`…`$9` and the `$$` escape. */
export function replaceNumberedPlaceholders(text: string, substitutions: readonly string[]): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') {
      out += text[i]
      continue
    }
    if (i + 1 >= text.length) continue // a lone trailing `$` is dropped
    i++
    if (text[i] === '$') {
      while (i < text.length && text[i] === '$') {
        out += '$'
        i++
      }
      i--
    } else {
      const digit = text.charCodeAt(i) - 49 // '1'
      if (digit >= 0 && digit <= 8) out += substitutions[digit] ?? ''
    }
  }
  return out
}

export function getMessageFrom(file: MessageFile, name: string, substitutions?: string | readonly string[]): string {
  const expanded = expandNamedPlaceholders(file, name)
  if (expanded === undefined) return ''
  const list = substitutions === undefined ? [] : typeof substitutions === 'string' ? [substitutions] : substitutions
  return replaceNumberedPlaceholders(expanded, list)
}
