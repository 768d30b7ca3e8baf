/** @module The store each contract test gets: opened fresh before it and closed after it by runStoreContract. */
import type { Store } from '../store.js'

/** The current test's store, and what the contract expects of the adapter under test. */
export interface FreshStore {
  /** Set before each test (a fresh, empty, migrated store). */
  store: Store
  /** Whether a bulk load sets indexes aside (SQLite's strategy; PostgreSQL keeps its indexes). */
  readonly defersIndexes: boolean
}
