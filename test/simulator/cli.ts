/**
 * `tsx test/simulator/cli.ts [--port 8787] [--host 127.0.0.1]` (or `npm run simulator`):
 * the simulator of Spectra Intelligence as a stand-alone server, for the demo, for manual tries
 * with curl, and for tests that drive it from another process through its /__sim/ control API.
 * Runs until SIGINT or SIGTERM.
 */
import { DEMO_PASSWORD, DEMO_USERNAME, startSimulator } from './spectra-simulator.ts'

/** A stable default port, so a configured API host keeps working across restarts. */
const DEFAULT_PORT = 8787
const DEFAULT_HOST = '127.0.0.1'

interface CliOptions { port: number; host: string }

function usage(problem: string): never {
  console.error(`${problem}\nUsage: tsx test/simulator/cli.ts [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}]`)
  process.exit(2)
}

/** Accepts `--port 8787` and `--port=8787`. */
function parseArguments(args: readonly string[]): CliOptions {
  const options: CliOptions = { port: DEFAULT_PORT, host: DEFAULT_HOST }
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? ''
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    if (flag === '--help' || flag === '-h') usage('Starts the Spectra Intelligence simulator.')
    if (flag !== '--port' && flag !== '--host') usage(`Unknown argument: ${arg}`)
    const value = inline ?? args[++i]
    if (value === undefined || value === '') usage(`${flag} needs a value.`)
    if (flag === '--host') {
      options.host = value
      continue
    }
    const port = Number(value)
    if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`Not a port: ${value}`)
    options.port = port
  }
  return options
}

const options = parseArguments(process.argv.slice(2))
const simulator = await startSimulator(options).catch((error: unknown) => {
  console.error(`Could not start the simulator on ${options.host}:${options.port}: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
console.log(`Spectra simulator listening on ${simulator.url}`)
console.log(`Demo credentials: username ${DEMO_USERNAME}, password ${DEMO_PASSWORD}`)

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await simulator.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
