/**
 * Real enterprise policy for the e2e tests. Chromium on Linux reads machine policy from
 * /etc/chromium/policies/managed/*.json at startup, and hands `3rdparty.extensions.<id>` to that
 * extension's storage.managed: the same path an administrator's policy takes, with no test hook
 * in the shipped code. Writing there needs root (CI runs as root).
 *
 * Every Chromium on the machine reads that folder, so the extension is loaded from a private
 * copy of dist/: an unpacked extension's id comes from its folder's path, so the policy names
 * an id that only this test's browser has, and tests running alongside are not affected.
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
