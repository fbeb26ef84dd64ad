/**
 * Localisation: every text users see or hear comes from public/_locales/<locale>/messages.json
 * (the browser picks the user's language, English by default), so a translation is a file.
 * Every name used exists, every message is used and explained for translators, placeholders
 * are defined, every translation has the same messages as English, and no new text is written
 * into the popup's, the options page's or the shared UI's JSX.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { MessageFile } from '../support/chrome-i18n.ts'
import { findHardCodedTexts } from '../support/hard-coded-text.ts'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const LOCALES = path.join(REPO_ROOT, 'public', '_locales')

function messagesOf(locale: string): MessageFile {
  return JSON.parse(readFileSync(path.join(LOCALES, locale, 'messages.json'), 'utf8')) as MessageFile
}

function sourceFiles(folder: string, extension = /\.tsx?$/): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extension.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
}

const manifestText = readFileSync(path.join(REPO_ROOT, 'manifest.json'), 'utf8')
const manifest = JSON.parse(manifestText) as { default_locale?: string }
const inManifest = [...manifestText.matchAll(/__MSG_(\w+)__/g)].map((match) => match[1]!)
const code = sourceFiles(path.join(REPO_ROOT, 'src')).map((file) => ({ file, text: readFileSync(file, 'utf8') }))
/** Names passed straight to t() or getMessage(); tsc checks them too, through MessageKey. */
const calledByName = code.flatMap(({ text }) =>
  [...text.matchAll(/(?:\bt|i18n\.getMessage)\(\s*'(\w+)'/g)].map((match) => match[1]!))
/** Every quoted word in the code: names also reach t() through tables (state → message name). */
const quotedWords = new Set(code.flatMap(({ text }) => [...text.matchAll(/'(\w+)'/g)].map((match) => match[1]!)))
const english = messagesOf('en')

describe('localisation', () => {
  it('has English as the default locale', () => {
    expect(manifest.default_locale).toBe('en')
  })

  it('calls t() with texts from messages.json only', () => {
    expect(calledByName.length).toBeGreaterThan(100)
    for (const name of [...inManifest, ...calledByName]) expect(english[name]?.message, name).toBeTruthy()
  })

  it('uses every message it defines', () => {
    const used = new Set([...inManifest, ...calledByName])
    expect(Object.keys(english).filter((name) => !used.has(name) && !quotedWords.has(name))).toEqual([])
  })

  it('explains every message to translators', () => {
    for (const [name, entry] of Object.entries(english)) expect(entry.description?.trim(), name).toBeTruthy()
  })

  it('defines every named placeholder a message uses, and uses every one it defines', () => {
    for (const locale of readdirSync(LOCALES)) {
      for (const [name, entry] of Object.entries(messagesOf(locale))) {
        const used = new Set([...entry.message.matchAll(/\$([a-zA-Z0-9_@]+)\$/g)].map((match) => match[1]!.toLowerCase()))
        const defined = new Set(Object.keys(entry.placeholders ?? {}).map((key) => key.toLowerCase()))
        expect([...used].sort(), `${locale}/${name}`).toEqual([...defined].sort())
        for (const placeholder of Object.values(entry.placeholders ?? {})) {
          expect(placeholder.content, `${locale}/${name}`).toMatch(/^\$[1-9]$/)
        }
      }
    }
  })

  it('gives every translation the same messages and placeholders as English', () => {
    for (const locale of readdirSync(LOCALES)) {
      const translation = messagesOf(locale)
      expect(Object.keys(translation).sort(), locale).toEqual(Object.keys(english).sort())
      for (const [name, entry] of Object.entries(english)) {
        const contents = (file: MessageFile) => Object.values(file[name]?.placeholders ?? {}).map((p) => p.content).sort()
        expect(contents(translation), `${locale}/${name}`).toEqual(contents({ [name]: entry }))
      }
    }
  })

  it('keeps the store description within 132 characters', () => {
    for (const locale of readdirSync(LOCALES)) expect(messagesOf(locale).extensionDescription!.message.length).toBeLessThanOrEqual(132)
  })

  it('writes no user-facing text into the JSX of the popup, the options page or the shared UI', () => {
    const files = ['popup', 'options', 'ui'].flatMap((folder) => sourceFiles(path.join(REPO_ROOT, 'src', folder), /\.tsx$/))
    expect(files.length).toBeGreaterThan(5)
    const found = files.flatMap((file) => findHardCodedTexts(readFileSync(file, 'utf8'), file)
      .map(({ line, text }) => `${path.relative(REPO_ROOT, file)}:${line}: ${text}`))
    expect(found).toEqual([])
  })

  it('leaves the text of the extension pages to the code: their HTML holds no words', () => {
    for (const file of sourceFiles(path.join(REPO_ROOT, 'src'), /\.html$/)) {
      const withoutTags = readFileSync(file, 'utf8').replace(/<[^>]*>/g, ' ')
      expect(withoutTags.trim(), path.relative(REPO_ROOT, file)).toBe('')
    }
  })
})

describe('findHardCodedTexts', () => {
  it('finds text between tags, with its line', () => {
    expect(findHardCodedTexts('const a = 1\nconst view = <p>Hello</p>')).toEqual([{ line: 2, text: 'Hello' }])
    expect(findHardCodedTexts('const v = <div>\n  <b>{count}</b> hashes found\n</div>')).toEqual([{ line: 2, text: 'hashes found' }])
  })

  it('finds words in title, aria-label, placeholder and alt, as strings or in braces', () => {
    const found = findHardCodedTexts([
      '<input title="Search" />',
      '<div aria-label="Results" />',
      "<textarea placeholder={busy ? 'Wait' : ''} />",
      '<img alt={`Logo of ${name}`} />',
    ].join('\n'))
    expect(found.map((item) => item.text)).toEqual(['Search', 'Results', 'Wait', '`Logo of ${name}`'])
  })

  it('finds string literals a {…} child renders', () => {
    const found = findHardCodedTexts("const v = <p>{done ? 'Saved.' : t('optionsTesting')}{busy && 'Busy'}{`Copied ${n}`}</p>")
    expect(found.map((item) => item.text)).toEqual(['Saved.', 'Busy', '`Copied ${n}`'])
  })

  it('lets through messages, user data, punctuation and attributes nobody reads', () => {
    expect(findHardCodedTexts([
      "const v = <p class=\"hl-muted\" id=\"x\" data-testid=\"status\" title={t('popupCopyAll')}>",
      "  {t('popupCopyAll')} · {report.site} — {count}",
      "  {state === 'verdict' && <span aria-hidden=\"true\">{t('cardCopy')}</span>}",
      '  {/* A comment with words */}',
      '</p>',
    ].join('\n'))).toEqual([])
  })
})
