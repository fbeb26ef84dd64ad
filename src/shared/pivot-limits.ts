/** The pivots' bounds without zod, so the content script can hold to them too (pivots.ts has the rules). */
export const MAX_PIVOTS = 10
export const MAX_PIVOT_NAME_LENGTH = 40
export const MAX_PIVOT_TEMPLATE_LENGTH = 2000
