/**
 * A test double of ReversingLabs Spectra Intelligence (File Reputation lookups, Customer Usage API)
 * as shared/docs/spectra-api.md describes it; plain node:http, as unit and e2e tests and `npm start` all run it.
 */
export { DEMO_PASSWORD, DEMO_USERNAME, startSimulator, type Simulator, type SimulatorOptions } from './server.ts'
