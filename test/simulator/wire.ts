/** What the simulator sends and reads over HTTP, shared by the server and the faults: answers as values, JSON shapes. */

export type Reply =
  | { kind: 'answer'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'drop' }

export const REALM = 'Spectra Intelligence'

export function reply(status: number, body = '', contentType?: string, headers: Record<string, string> = {}): Reply {
  return { kind: 'answer', status, body, headers: contentType ? { 'Content-Type': contentType, ...headers } : headers }
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return reply(status, JSON.stringify(value), 'application/json', headers)
}

export function messageReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { message }, headers)
}

export function unauthorizedReply(): Reply {
  return messageReply(401, 'Unauthorized', { 'WWW-Authenticate': `Basic realm="${REALM}"` })
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
