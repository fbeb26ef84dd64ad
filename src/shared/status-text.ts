/**
 * Every error HashLens can meet, in words that say what happened and what to do.
 * The causes and remedies follow the Spectra Intelligence troubleshooting guide
 * (shared/seed/spectra-intelligence-troubleshooting.txt); the README lists the same texts.
 * The words themselves are in public/_locales/<locale>/messages.json (status…, lookupError…).
 */
import type { EngineStatus } from './engine-status.ts'
import type { Classification, HashState, LookupErrorKind } from './verdict.ts'
import { t, type MessageKey } from './i18n.ts'

export interface StatusText {
  /** One line, shown in the popup's status bar. */
  headline: string
  /**
   * The part of the headline that counts down ("in 5 seconds"), or '' when none: the status line
   * keeps it out of the live region so screen readers do not announce every tick.
   */
  countdown: string
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
  return seconds === 1 ? t('retryInOneSecond') : t('retryInSeconds', seconds)
}

/** A headline with a countdown in it: the message places the countdown where its language wants it. */
function retrying(key: MessageKey, at: number, now: number): Pick<StatusText, 'headline' | 'countdown'> {
  const countdown = inSeconds(at, now)
  return { headline: t(key, countdown), countdown }
}

export function describeStatus(status: EngineStatus, now: number = Date.now()): StatusText {
  switch (status.kind) {
    case 'ready':
      return { headline: t('statusReadyHeadline'), countdown: '', advice: '', tone: 'ok' }
    case 'not-configured':
      return { headline: t('statusNotConfiguredHeadline'), countdown: '', advice: t('statusNotConfiguredAdvice'), tone: 'warning' }
    case 'unauthorized':
      return { headline: t('statusUnauthorizedHeadline'), countdown: '', advice: t('statusUnauthorizedAdvice'), tone: 'error' }
    case 'forbidden':
      return { headline: t('statusForbiddenHeadline'), countdown: '', advice: t('statusForbiddenAdvice'), tone: 'error' }
    case 'quota-exhausted':
      return {
        headline: t('statusQuotaHeadline', formatUtc(status.resetsAt)),
        countdown: '',
        advice: status.period === 'daily' ? t('statusQuotaDailyAdvice') : t('statusQuotaMonthlyAdvice'),
        tone: 'error',
      }
    case 'rate-limited':
      return { ...retrying('statusRateLimitedHeadline', status.retryAt, now), advice: t('statusRateLimitedAdvice'), tone: 'warning' }
    case 'unavailable':
      return { ...retrying('statusBusyHeadline', status.retryAt, now), advice: t('statusBusyAdvice'), tone: 'warning' }
    case 'offline':
      return {
        ...(status.retryAt ? retrying('statusOfflineRetryingHeadline', status.retryAt, now) : { headline: t('statusOfflineHeadline'), countdown: '' }),
        advice: t('statusOfflineAdvice'),
        tone: 'error',
      }
    case 'timeout':
      return {
        ...(status.retryAt ? retrying('statusTimeoutRetryingHeadline', status.retryAt, now) : { headline: t('statusTimeoutHeadline'), countdown: '' }),
        advice: t('statusTimeoutAdvice'),
        tone: 'error',
      }
    case 'bad-answer':
      return { headline: t('statusBadAnswerHeadline'), countdown: '', advice: t('statusBadAnswerAdvice', status.detail), tone: 'error' }
  }
}

const LOOKUP_ERROR_TEXT: Readonly<Record<LookupErrorKind, MessageKey>> = {
  'unauthorized': 'lookupErrorUnauthorized',
  'forbidden': 'lookupErrorForbidden',
  'quota-exhausted': 'lookupErrorQuotaExhausted',
  'rate-limited': 'lookupErrorRateLimited',
  'unavailable': 'lookupErrorUnavailable',
  'offline': 'lookupErrorOffline',
  'timeout': 'lookupErrorTimeout',
  'bad-answer': 'lookupErrorBadAnswer',
  'http-error': 'lookupErrorHttpError',
  'not-configured': 'lookupErrorNotConfigured',
}

/** The short reason a single hash has no verdict, for its row or card. */
export function describeLookupError(kind: LookupErrorKind): string {
  return t(LOOKUP_ERROR_TEXT[kind])
}

const CLASSIFICATION_TEXT: Readonly<Record<Classification, MessageKey>> = {
  MALICIOUS: 'classificationMalicious',
  SUSPICIOUS: 'classificationSuspicious',
  KNOWN: 'classificationKnown',
  UNKNOWN: 'classificationUnknown',
  NOT_FOUND: 'classificationNotFound',
}

/** Badges always carry a word: colour alone is not enough for every reader. */
export function classificationLabel(classification: Classification): string {
  return t(CLASSIFICATION_TEXT[classification])
}

/** The one word for a hash's state: the popup's badges, the hover card's badge and the exports. */
export function stateLabel(state: HashState | undefined): string {
  switch (state?.state) {
    case 'verdict': return classificationLabel(state.verdict.classification)
    case 'pending': return t('stateLookingUp')
    case 'error': return t('stateError')
    default: return t('stateNotLookedUp')
  }
}
