/** The one name for how a hash's state is shown: marks, badges (card, popup) and the toolbar colour all key on it. */
import type { Classification, HashState } from './verdict.ts'

export const VERDICT_TONES = ['pending', 'malicious', 'suspicious', 'known', 'unknown', 'not-found', 'error', 'idle'] as const
export type VerdictTone = (typeof VERDICT_TONES)[number]

const TONE_OF_CLASSIFICATION: Readonly<Record<Classification, VerdictTone>> = {
  MALICIOUS: 'malicious',
  SUSPICIOUS: 'suspicious',
  KNOWN: 'known',
  UNKNOWN: 'unknown',
  NOT_FOUND: 'not-found',
}

export function toneOfClassification(classification: Classification): VerdictTone {
  return TONE_OF_CLASSIFICATION[classification]
}

export function toneOf(state: HashState): VerdictTone {
  return state.state === 'verdict' ? toneOfClassification(state.verdict.classification) : state.state
}
