/**
 * Real machine policy (the administrator's path, no test hook in shipped code); needs root.
 * Every Chromium here reads that folder, so the policy names the id of a private copy of dist/
 * (an unpacked id comes from its path), which no other test's browser has.
 */
import { accessSync, constants, cpSync, mkdirSync, mkdtempSync, realpathSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { createHash, randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DIST } from './chromium.ts'

export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed'

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits spelt a–p. */
export function unpackedExtensionId(directory: string): string {
  return createHash('sha256').update(directory).digest('hex').slice(0, 32)
    .replace(/[0-9a-f]/g, (digit) => String.fromCharCode(97 + parseInt(digit, 16)))
}

/** Whether this process may write machine policy (root, or a prepared, writable folder). */
export function canWriteChromiumPolicy(): boolean {
  try {
    mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true })
    accessSync(CHROMIUM_POLICY_DIR, constants.W_OK)
    return true
  } catch {
    return false
  }
}

export interface InstalledPolicy {
  /** The private copy of dist/ to load. */
  dist: string
  extensionId: string
  remove(): void
}

/** Copies dist/ to a private folder and writes a machine policy for the copy's extension id. */
export function installExtensionPolicy(values: Record<string, unknown>): InstalledPolicy {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'hashlens-managed-')))
  const dist = path.join(root, 'dist')
  cpSync(DIST, dist, { recursive: true })
  const extensionId = unpackedExtensionId(dist)
  const file = path.join(CHROMIUM_POLICY_DIR, `hashlens-test-${randomUUID()}.json`)
  mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true })
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: values } } }))
  return {
    dist,
    extensionId,
    remove() {
      rmSync(file, { force: true })
      rmSync(root, { recursive: true, force: true })
      // Leave the machine as found: the folders go too when nothing else is in them.
      for (const folder of [CHROMIUM_POLICY_DIR, path.dirname(CHROMIUM_POLICY_DIR)]) {
        try { rmdirSync(folder) } catch { break }
      }
    },
  }
}
