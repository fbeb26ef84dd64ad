/** Serves test/fixtures/*.html (and pages built on the fly) from 127.0.0.1 for e2e tests. */
import { createServer, type Server } from 'node:http'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { REPO_ROOT } from '../support/chromium.ts'

export interface FixtureServer {
  readonly url: string
  /** Registers a page served at `/name` with the given HTML (and optional headers). */
  serve(name: string, html: string, headers?: Record<string, string>): string
  close(): Promise<void>
}

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures')

export async function startFixtureServer(): Promise<FixtureServer> {
  const dynamic = new Map<string, { html: string; headers: Record<string, string> }>()
  const server: Server = createServer((request, response) => {
    void (async () => {
      const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.slice(1))
      const page = dynamic.get(name)
      if (page) {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers })
        response.end(page.html)
        return
      }
      if (!/^[\w.-]+\.html$/.test(name)) {
        response.writeHead(404).end()
        return
      }
      try {
        const html = await readFile(path.join(FIXTURES, name))
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        response.end(html)
      } catch {
        response.writeHead(404).end()
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    serve(name, html, headers = {}) {
      dynamic.set(name, { html, headers })
      return `${url}/${name}`
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
