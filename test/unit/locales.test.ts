/**
 * Localisation: the manifest's texts and the worker's come from public/_locales/<locale>/messages.json
 * (the browser picks the user's language, English by default). Every name used exists, every
 * message is used, and every translation has the same messages as English.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const LOCALES = path.join(REPO_ROOT, 'public', '_locales')

type Messages = Record<string, { message: string; description?: string }>

function messagesOf(locale: string): Messages {
  return JSON.parse(readFileSync(path.join(LOCALES, locale, 'messages.json'), 'utf8')) as Messages
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
}

const manifestText = readFileSync(path.join(REPO_ROOT, 'manifest.json'), 'utf8')
const manifest = JSON.parse(manifestText) as { default_locale?: string }
const inManifest = [...manifestText.matchAll(/__MSG_(\w+)__/g)].map((match) => match[1]!)
const inCode = sourceFiles(path.join(REPO_ROOT, 'src')).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/i18n\.getMessage\(\s*'(\w+)'/g)].map((match) => match[1]!))
const english = messagesOf('en')

describe('localisation', () => {
  it('has English as the default locale', () => {
    expect(manifest.default_locale).toBe('en')
  })

  it('defines every message the manifest and the code ask for, with a note for translators', () => {
    for (const name of [...inManifest, ...inCode]) {
      expect(english[name]?.message, name).toBeTruthy()
      expect(english[name]?.description, name).toBeTruthy()
    }
  })

  it('uses every message it defines', () => {
    const used = new Set([...inManifest, ...inCode])
    expect(Object.keys(english).filter((name) => !used.has(name))).toEqual([])
  })

  it('gives every translation the same messages as English', () => {
    for (const locale of readdirSync(LOCALES)) {
      expect(Object.keys(messagesOf(locale)).sort(), locale).toEqual(Object.keys(english).sort())
    }
  })

  it('keeps the store description within 132 characters', () => {
    for (const locale of readdirSync(LOCALES)) expect(messagesOf(locale).extensionDescription!.message.length).toBeLessThanOrEqual(132)
  })
})
