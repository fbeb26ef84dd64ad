import { build, type Plugin, type ResolvedConfig, type Rollup } from 'vite'
import preact from '@preact/preset-vite'

/**
 * Builds the content script as one classic script with nothing to import, at a fixed name: it is registered at run
 * time (content-script-registration.ts), so crxjs never sees it, and a single file needs no web-accessible chunks
 * that any page could fetch at a fixed URL to tell HashLens is installed (issue 12). Same mode and defines as the
 * extension's build, so `import.meta.env.MODE` and test-build switches read alike in both.
 */
export function contentScriptPlugin(entry: string, fileName: string): Plugin {
  let config: ResolvedConfig
  return {
    name: 'hashlens-content-script',
    apply: 'build',
    configResolved(resolved) {
      config = resolved
    },
    async generateBundle() {
      const result = await build({
        configFile: false,
        root: config.root,
        mode: config.mode,
        define: config.define,
        publicDir: false,
        logLevel: 'warn',
        plugins: [preact()],
        build: {
          write: false,
          target: config.build.target,
          minify: config.build.minify,
          sourcemap: false,
          rolldownOptions: { input: entry, output: { format: 'iife', codeSplitting: false } },
        },
      })
      const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[]
      const chunks = outputs.flatMap((output) => output.output).filter((file) => file.type === 'chunk')
      if (chunks.length !== 1) throw new Error(`the content script must build to one file, not ${chunks.length}`)
      this.emitFile({ type: 'asset', fileName, source: chunks[0]!.code })
    },
  }
}
