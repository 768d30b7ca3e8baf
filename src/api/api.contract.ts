/**
 * @module The API's behaviour on a real store, in-process (`app.request`) and over a real socket; the SQLite and
 * PostgreSQL test files run it on both adapters. Its tests live in contract/, one file per group of routes.
 */
import { describe } from 'vitest'
import type { Store } from '../storage/store.js'
import { useApiHarness } from './contract/api-harness.js'
import { basicsContract } from './contract/basics.contract.js'
import { editsContract } from './contract/edits.contract.js'
import { exportsContract } from './contract/exports.contract.js'
import { incidentsContract } from './contract/incidents.contract.js'
import { mapContract } from './contract/map.contract.js'
import { seedContract } from './contract/seed.contract.js'
import { serverContract } from './contract/server.contract.js'
import { sessionsContract } from './contract/sessions.contract.js'
import { validationContract } from './contract/validation.contract.js'

export { killedExtractor } from './contract/api-harness.js'

/** Runs the API suite against stores made by `open` (one store for the whole suite, records kept apart by text). */
export function runApiSuite(name: string, open: () => Promise<Store>): void {
  describe(`API on ${name}`, () => {
    const h = useApiHarness(name, open)
    basicsContract(h)
    sessionsContract(h)
    validationContract(h)
    editsContract(h)
    incidentsContract(h)
    mapContract(h)
    exportsContract(h)
    seedContract(h)
    serverContract(h)
  })
}
