/**
 * @module The one contract every Store adapter must pass; sqlite.test.ts and postgres.test.ts run it on real
 * databases. Its tests live in contract/, one file per part of the store, along the seams of sql/'s repositories.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { candidatesContract } from './contract/candidates.contract.js'
import { claimsContract } from './contract/claims.contract.js'
import { findingsContract } from './contract/findings.contract.js'
import type { FreshStore } from './contract/fresh-store.js'
import { importContract } from './contract/import.contract.js'
import { incidentMergeContract } from './contract/incident-merge.contract.js'
import { incidentsContract } from './contract/incidents.contract.js'
import { mapPointsContract } from './contract/map-points.contract.js'
import { reissuedRowsContract } from './contract/reissued-rows.contract.js'
import { sessionsContract } from './contract/sessions.contract.js'
import { sourcesContract } from './contract/sources.contract.js'
import { totalsContract } from './contract/totals.contract.js'
import { transactionsContract } from './contract/transactions.contract.js'
import { victimMovesContract } from './contract/victim-moves.contract.js'
import { victimsContract } from './contract/victims.contract.js'
import { LATEST_SCHEMA_VERSION } from './migrations.js'
import type { Store } from './store.js'

export { draft, finding, incidentDraft, sourceInput, SPAN_LENGTHS } from './contract/fixtures.js'

/** What the contract expects of one adapter where the adapters differ by design. */
export interface ContractOptions {
  /** Whether a bulk load sets indexes aside (see BulkRepo.deferIndexes). */
  readonly defersIndexes: boolean
}

/** Runs the contract against stores made by `open` (a fresh, empty, migrated store per test). */
export function runStoreContract(name: string, open: () => Promise<Store>, options: ContractOptions): void {
  describe(`Store contract: ${name}`, () => {
    const fresh: FreshStore = { store: undefined as unknown as Store, defersIndexes: options.defersIndexes }
    beforeEach(async () => {
      fresh.store = await open()
    })
    afterEach(async () => {
      await fresh.store.close()
    })

    it('is at the latest schema version', async () => {
      expect(await fresh.store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION)
    })

    sourcesContract(fresh)
    claimsContract(fresh)
    incidentsContract(fresh)
    mapPointsContract(fresh)
    incidentMergeContract(fresh)
    candidatesContract(fresh)
    totalsContract(fresh)
    findingsContract(fresh)
    sessionsContract(fresh)
    importContract(fresh)
    reissuedRowsContract(fresh)
    transactionsContract(fresh)
    victimsContract(fresh)
    victimMovesContract(fresh)
  })
}
