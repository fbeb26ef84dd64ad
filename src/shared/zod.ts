/**
 * The one place zod is imported from. zod 4 probes `new Function` to compile schemas,
 * which an extension's Content Security Policy forbids; jitless mode avoids the probe
 * (zod issues #4461, #5414). Importing zod through this module guarantees the config
 * runs before any schema is built.
 */
import { z } from 'zod'

z.config({ jitless: true })

export { z }
