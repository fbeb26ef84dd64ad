/**
 * Pivots (issue 14, item 4): links from a hash to the organisation's other tools, each a name and a URL template with
 * `{hash}` and `{type}` (md5, sha1, sha256). Only the worker and the extension's own pages ever see a template: a
 * content script learns the names alone (issue 12's rule, README "Pivots").
 */
import { z } from './zod.ts'
import { t, type MessageKey } from './i18n.ts'
import { hashTypeOfLength } from './hash.ts'
import { MAX_PIVOT_NAME_LENGTH, MAX_PIVOT_TEMPLATE_LENGTH, MAX_PIVOTS } from './pivot-limits.ts'

/** What the deployed `analyzeUrlTemplate` setting and policy key become. */
export const ANALYZE_PIVOT_NAME = 'Spectra Analyze'

export interface Pivot {
  name: string
  urlTemplate: string
}

/** The problems a row can have; each issue's message is its key, worded by describePivotIssue. */
const PIVOT_PROBLEMS = {
  nameEmpty: 'pivotNameEmpty',
  nameTooLong: 'pivotNameTooLong',
  templateTooLong: 'pivotTemplateTooLong',
  templateNoHash: 'pivotTemplateNoHash',
  templateNotUrl: 'pivotTemplateNotUrl',
  templateNotHttp: 'pivotTemplateNotHttp',
  tooMany: 'pivotTooMany',
} as const satisfies Record<string, MessageKey>

type PivotProblem = (typeof PIVOT_PROBLEMS)[keyof typeof PIVOT_PROBLEMS]

/** A sample hash of each placeholder's shape: the template must give an http(s) URL with them filled in. */
const PROBE = { hash: '0'.repeat(64), type: 'sha256' } as const

function fill(template: string, hash: string, type: string): string {
  return template.split('{hash}').join(encodeURIComponent(hash)).split('{type}').join(type)
}

/** The first problem of a template, or null when it fills into an absolute http(s) URL with the hash in it. */
function templateProblem(template: string): PivotProblem | null {
  if (template.length > MAX_PIVOT_TEMPLATE_LENGTH) return PIVOT_PROBLEMS.templateTooLong
  if (!template.includes('{hash}')) return PIVOT_PROBLEMS.templateNoHash
  let url: URL
  try {
    url = new URL(fill(template, PROBE.hash, PROBE.type))
  } catch {
    return PIVOT_PROBLEMS.templateNotUrl
  }
  // Never javascript:, data:, file: or an extension's own page.
  return url.protocol === 'https:' || url.protocol === 'http:' ? null : PIVOT_PROBLEMS.templateNotHttp
}

export const pivotSchema = z.object({
  name: z.string().trim().min(1, PIVOT_PROBLEMS.nameEmpty).max(MAX_PIVOT_NAME_LENGTH, PIVOT_PROBLEMS.nameTooLong),
  urlTemplate: z.string().trim().superRefine((template, ctx) => {
    const problem = templateProblem(template)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  }),
})

/** What the options page must send: every row valid, or the Save is refused. */
export const pivotListSchema = z.array(pivotSchema).max(MAX_PIVOTS, PIVOT_PROBLEMS.tooMany)

function isPivotProblem(message: string): message is PivotProblem {
  return (Object.values(PIVOT_PROBLEMS) as string[]).includes(message)
}

/** One row's problems in the user's words (none when it is valid): the options page shows them under the row. */
export function pivotProblemsOf(row: unknown): string[] {
  const parsed = pivotSchema.safeParse(row)
  if (parsed.success) return []
  return parsed.error.issues.map((issue) => describePivotProblem(issue.message))
}

function describePivotProblem(message: string): string {
  if (!isPivotProblem(message)) return t('pivotInvalid')
  switch (message) {
    case PIVOT_PROBLEMS.nameTooLong: return t(message, MAX_PIVOT_NAME_LENGTH)
    case PIVOT_PROBLEMS.templateTooLong: return t(message, MAX_PIVOT_TEMPLATE_LENGTH)
    case PIVOT_PROBLEMS.tooMany: return t(message, MAX_PIVOTS)
    default: return t(message)
  }
}

/** A list read where nobody can be asked to fix it (policy, an old setting): each bad entry dropped alone, with why. */
export function readPivots(raw: unknown): { pivots: Pivot[]; problems: string[] } {
  if (!Array.isArray(raw)) return { pivots: [], problems: raw === undefined ? [] : [t('pivotInvalid')] }
  const pivots: Pivot[] = []
  const problems: string[] = []
  raw.forEach((entry, index) => {
    const parsed = pivotSchema.safeParse(entry)
    if (!parsed.success) problems.push(t('pivotEntryDropped', index + 1, pivotProblemsOf(entry).join(' ')))
    else if (pivots.length >= MAX_PIVOTS) problems.push(t('pivotEntryDropped', index + 1, describePivotProblem(PIVOT_PROBLEMS.tooMany)))
    else pivots.push(parsed.data)
  })
  return { pivots, problems }
}

/** The pivot an `analyzeUrlTemplate` stands for, or null when it is empty or no usable template. */
export function analyzePivotOf(template: unknown): Pivot | null {
  if (typeof template !== 'string' || template.trim() === '') return null
  const parsed = pivotSchema.safeParse({ name: ANALYZE_PIVOT_NAME, urlTemplate: template })
  return parsed.success ? parsed.data : null
}

/** `first`, then those of `rest` whose template is not already there, at most MAX_PIVOTS. */
export function mergePivots(first: readonly Pivot[], rest: readonly Pivot[]): Pivot[] {
  const merged: Pivot[] = []
  for (const pivot of [...first, ...rest]) {
    if (!merged.some((kept) => kept.urlTemplate === pivot.urlTemplate)) merged.push(pivot)
  }
  return merged.slice(0, MAX_PIVOTS)
}

export interface PivotLink {
  name: string
  url: string
}

/**
 * Each valid pivot's URL for `hash` (URL-encoded), `{type}` named by its length; none for what is no hash. An
 * invalid entry gives no link, and costs the others nothing.
 */
export function pivotLinksFor(pivots: readonly Pivot[], hash: string): PivotLink[] {
  const type = hashTypeOfLength(hash.length)
  if (type === null) return []
  return pivots.slice(0, MAX_PIVOTS).flatMap((pivot) => {
    const parsed = pivotSchema.safeParse(pivot)
    if (!parsed.success) return []
    return [{ name: parsed.data.name, url: new URL(fill(parsed.data.urlTemplate, hash, type)).href }]
  })
}

/**
 * How policy is read (Firefox checks policy against no schema): an entry of the wrong shape or with a bad template
 * is dropped alone, the others apply. Its input side is what managed-schema.json declares.
 */
export const pivotPolicySchema: z.ZodType<Pivot[], unknown> = z
  .array(z.object({ name: z.string(), urlTemplate: z.string() }).catch({ name: '', urlTemplate: '' }))
  .transform((entries) => readPivots(entries).pivots)
