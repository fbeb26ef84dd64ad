/** Serves the pages a test registers with serve() from 127.0.0.1; any other path is a 404. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'

export interface FixtureServer {
  readonly url: string
  /** Registers a page served at `/name` with the given HTML, or other bytes with their Content-Type in `headers`. */
  serve(name: string, html: string | Uint8Array, headers?: Record<string, string>): string
  /** The headers of every request for `/name` so far, in order. */
  requestsFor(name: string): IncomingHttpHeaders[]
  close(): Promise<void>
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const dynamic = new Map<string, { html: string | Uint8Array; headers: Record<string, string> }>()
  const requests: { name: string; headers: IncomingHttpHeaders }[] = []
  const server: Server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.slice(1))
    requests.push({ name, headers: request.headers })
    const page = dynamic.get(name)
    if (!page) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers })
    response.end(page.html)
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
    requestsFor(name) {
      return requests.filter((request) => request.name === name).map((request) => request.headers)
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
