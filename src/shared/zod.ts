/**
 * Import zod only from here, so jitless is set before any schema: zod 4 otherwise probes
 * `new Function`, which the extension's CSP forbids (zod issues #4461, #5414).
 */
import { z } from 'zod'

z.config({ jitless: true })

export { z }
