/**
 * Every error HashLens can meet, in words that say what happened and what to do.
 * The causes and remedies follow the Spectra Intelligence troubleshooting guide
 * (shared/seed/spectra-intelligence-troubleshooting.txt); the README lists the same texts.
 */
import type { EngineStatus } from './engine-status.ts'
import type { LookupErrorKind } from './verdict.ts'

export interface StatusText {
  /** One line, shown in the popup's status bar. */
  headline: string
  /** What to do about it; empty when nothing needs doing. */
  advice: string
  tone: 'ok' | 'warning' | 'error'
}

export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

function inSeconds(at: number, now: number): string {
  const seconds = Math.max(1, Math.ceil((at - now) / 1000))
  return seconds === 1 ? 'in 1 second' : `in ${seconds} seconds`
}

const NETWORK_HINTS =
  'Check that this computer is online and can reach the API host. Behind a proxy, allow the host; ' +
  'a TLS-inspecting proxy needs its root certificate trusted by the browser; a wrong system clock ' +
  'also makes certificates fail.'

export function describeStatus(status: EngineStatus, now: number = Date.now()): StatusText {
  switch (status.kind) {
    case 'ready':
      return { headline: 'Ready', advice: '', tone: 'ok' }
    case 'not-configured':
      return {
        headline: 'Not configured',
        advice: 'Enter your Spectra Intelligence username and password in Options to start looking up hashes.',
        tone: 'warning',
      }
    case 'unauthorized':
      return {
        headline: 'Wrong credentials — lookups stopped',
        advice: 'The service answered 401 Unauthorized. Check the username and password in Options ' +
          '(HashLens does not retry: repeated bad logins can lock the account). If they are right, ' +
          'ask support@reversinglabs.com whether the account is active.',
        tone: 'error',
      }
    case 'forbidden':
      return {
        headline: 'Not entitled — lookups stopped',
        advice: 'The service answered 403 Forbidden: this account has no entitlement for TCA-0101 File ' +
          'Reputation. Check that the username has the right company segment (u/company/username), ' +
          'or ask your ReversingLabs account manager to add the API to your contract.',
        tone: 'error',
      }
    case 'quota-exhausted':
      return {
        headline: `Quota exhausted until ${formatUtc(status.resetsAt)}`,
        advice: `Your ${status.period} quota is used up. HashLens sends nothing until it resets ` +
          `(${status.period === 'daily' ? 'daily at 00:00 UTC' : 'on the 1st of the month at 00:00 UTC'}) ` +
          'and then resumes by itself. Cached verdicts are still shown.',
        tone: 'error',
      }
    case 'rate-limited':
      return {
        headline: `Rate limited — retrying ${inSeconds(status.retryAt, now)}`,
        advice: 'The service asked HashLens to slow down (429 Rate limit exceeded). Lookups resume by themselves.',
        tone: 'warning',
      }
    case 'unavailable':
      return {
        headline: `Service busy — retrying ${inSeconds(status.retryAt, now)}`,
        advice: 'The service answered 503 (temporary overload). Lookups resume by themselves.',
        tone: 'warning',
      }
    case 'offline':
      return {
        headline: status.retryAt ? `Offline — retrying ${inSeconds(status.retryAt, now)}` : 'Cannot reach the service',
        advice: NETWORK_HINTS,
        tone: 'error',
      }
    case 'timeout':
      return {
        headline: status.retryAt ? `Timed out — retrying ${inSeconds(status.retryAt, now)}` : 'The service did not answer in time',
        advice: 'A proxy may cut long requests, or the network is slow. Raise the timeout in Options, ' +
          'or ask for the proxy to allow longer-lived connections to the API host.',
        tone: 'error',
      }
    case 'bad-answer':
      return {
        headline: 'The service sent an answer HashLens cannot read',
        advice: `${status.detail} A proxy or captive portal may be answering instead of the service; check the API host in Options.`,
        tone: 'error',
      }
  }
}

/** The short reason a single hash has no verdict, for its row or card. */
export function describeLookupError(kind: LookupErrorKind): string {
  switch (kind) {
    case 'unauthorized': return 'Wrong credentials: fix them in Options'
    case 'forbidden': return 'Account not entitled to File Reputation'
    case 'quota-exhausted': return 'Quota exhausted: waits for the reset'
    case 'rate-limited': return 'Still rate limited after several retries'
    case 'unavailable': return 'Service unavailable (503) after several retries'
    case 'offline': return 'Could not reach the service (offline, proxy or certificate)'
    case 'timeout': return 'The service did not answer in time'
    case 'bad-answer': return 'Unreadable answer from the service'
    case 'http-error': return 'Unexpected answer from the service'
    case 'not-configured': return 'Not configured: enter credentials in Options'
  }
}
