/**
 * Every error HashLens can meet, in words that say what happened and what to do.
 * The causes and remedies follow the Spectra Intelligence troubleshooting guide
 * (shared/seed/spectra-intelligence-troubleshooting.txt); the README lists the same texts.
 * The worker sends only data (kinds and details); every surface words it here, so they agree.
 * The words themselves are in public/_locales/<locale>/messages.json (status…, lookupError…, answer…, connection…).
 */
import type { EngineStatus } from './engine-status.ts'
import type { FailureDetail, LookupErrorKind } from './failure.ts'
import { HOSTLESS_SITE, type BudgetStop, type Classification, type HashState } from './verdict.ts'
import type { ConnectionCheck } from './worker-events.ts'
import { t, type MessageKey } from './i18n.ts'
import type { NotSampleKind } from './sample-judgement.ts'

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
      return { headline: t('statusBadAnswerHeadline'), countdown: '', advice: t('statusBadAnswerAdvice', describeFailureDetail(status.detail)), tone: 'error' }
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

/** The short reason a single hash has no verdict, when nothing more is known. */
export function describeLookupError(kind: LookupErrorKind): string {
  return t(LOOKUP_ERROR_TEXT[kind])
}

/** What was wrong with an answer, in one sentence. */
export function describeFailureDetail(detail: FailureDetail): string {
  switch (detail.reason) {
    case 'unreadable-answer': return detail.text
    case 'http-status': return t('answerHttpStatus', detail.status)
    case 'single-hash-413': return t('answer413SingleHash')
    case 'unreadable-record': return t('answerUnreadableRecord', detail.text)
    case 'processing-failed': return t('answerProcessingFailed')
  }
}

/** Why a hash has no verdict: the popup's row, the hover card and the exports all say this. */
export function describeHashError(state: Extract<HashState, { state: 'error' }>): string {
  return state.detail ? describeFailureDetail(state.detail) : describeLookupError(state.error)
}

/** Test connection's result, as the options page shows it. */
export function describeConnectionCheck(check: ConnectionCheck): string {
  if (check.ok) {
    const { apiHost, username, usage } = check
    if (!usage) return t('connectionOk', apiHost, username)
    return t(usage.period === 'daily' ? 'connectionOkUsageToday' : 'connectionOkUsageThisMonth',
      apiHost, username, usage.used.toLocaleString('en-US'), usage.limit.toLocaleString('en-US'))
  }
  const problem = check.problem
  switch (problem.kind) {
    case 'invalid-account': return problem.refusal
    case 'no-permission': return t('connectionNoPermission', problem.apiHost)
    case 'unauthorized': return t('connectionUnauthorized')
    case 'forbidden': return t('connectionForbidden')
    case 'offline': return t('connectionOffline', problem.apiHost)
    case 'timeout': return t('connectionTimeout', problem.apiHost, problem.timeoutSeconds)
    case 'bad-answer': return t('connectionBadAnswer', problem.detail)
    case 'http-error': return t('connectionHttpError', problem.status)
    default: return t('connectionBusy', problem.kind)
  }
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

/** Which daily budget stopped automatic lookups, and when it starts afresh. */
export function describeBudgetStop(stop: BudgetStop): string {
  if (stop.budget === 'total') return t('budgetTotalSpent', formatUtc(stop.resetsAt))
  return stop.site === HOSTLESS_SITE ? t('budgetHostlessSpent', formatUtc(stop.resetsAt)) : t('budgetSiteSpent', stop.site, formatUtc(stop.resetsAt))
}

const SKIPPED_TEXT: Readonly<Record<NotSampleKind, MessageKey>> = {
  'dependency-checksum': 'skippedDependencyChecksum',
  'release-checksum': 'skippedReleaseChecksum',
  'commit-id': 'skippedCommitId',
  'container-digest': 'skippedContainerDigest',
  'blockchain-id': 'skippedBlockchainId',
  'key-or-identifier': 'skippedKeyOrIdentifier',
  'byte-string': 'skippedByteString',
  'asset-fingerprint': 'skippedAssetFingerprint',
}

/** Why a hash was not looked up automatically ("Not looked up: looks like a commit id"): the card and the popup's row. */
export function describeSkip(kind: NotSampleKind): string {
  return t(SKIPPED_TEXT[kind])
}
