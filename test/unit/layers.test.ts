import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: root })

/** Lints `code` as if it were the file at `file` (relative to the repo), returns the layer errors. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return result!.messages.filter((m) => m.ruleId === 'hashlens/layers').map((m) => m.message)
}

describe('layer boundaries (eslint.config.js)', () => {
  it.each([
    ['src/ui/probe.ts', "import { x } from '../background/lookup-engine.ts'\nexport const y = x"],
    ['src/ui/probe.ts', "import type { X } from '../content/highlighter.ts'\nexport type Y = X"],
    ['src/popup/probe.ts', "export { x } from '../background/service-worker.ts'"],
    ['src/options/probe.ts', "export const m = import('../content/content-script.ts')"],
    ['src/content/probe.ts', "export * from '../background/backoff.ts'"],
    ['src/background/probe.ts', "import '../ui/common.css'"],
    ['src/shared/probe.ts', "import { t } from '../popup/popup.tsx'\nexport const u = t"],
    // A folder with no row of its own gets only src/shared: new layers are checked from their first line.
    ['src/sidepanel/probe.ts', "import { askWorker } from '../ui/ask-worker.ts'\nexport const a = askWorker"],
  ])('%s: %s is refused', async (file, code) => {
    expect(await layerErrors(file, code)).toHaveLength(1)
  })

  it.each([
    ['src/popup/probe.ts', "import { askWorker } from '../ui/ask-worker.ts'\nexport const a = askWorker"],
    ['src/sidepanel/probe.ts', "import { t } from '../shared/i18n.ts'\nexport const u = t"],
    ['src/content/probe.ts', "import { findHashes } from '../shared/hash-detector.ts'\nexport const f = findHashes"],
    ['src/background/probe.ts', "import { backoffDelay } from './backoff.ts'\nexport const b = backoffDelay"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([])
  })
})
