/**
 * @module What every repository module of the SQL store works with: the executor (the store's connection, or a
 * transaction's), the dialect, the list snapshot and the state of a bulk load on this connection.
 */
import type { Dialect } from './dialect.js'
import type { Executor } from './executor.js'
import type { HashSet } from './hash-set.js'
import type { ListIndex, ListSnapshot } from './list-index.js'

/**
 * What one connection's bulk load holds while SQLite's source id index is aside (see sqlite-bulk-load.ts): the
 * source ids it stored (their 24 hex digits), and those stored in the transaction still open, which join them when
 * it commits and are forgotten if it rolls back: a rolled-back row must not be skipped as stored when it comes again.
 */
export interface LoadState {
  sourceIds: HashSet | null
  pending: Set<string>
}

/** The context a repository function runs in. */
export interface Scope {
  readonly x: Executor
  readonly dialect: Dialect
  /** The snapshot lists and totals are answered from when it is current; transactions' scopes have none. */
  readonly listIndex: ListIndex | null
  /** Shared by a store and the transactions it opens (same connection, so the same bulk load). */
  readonly load: LoadState
}

/** The scope of a transaction opened from `s`: its executor, no snapshot, the same load. */
export function within(s: Scope, x: Executor): Scope {
  return { x, dialect: s.dialect, listIndex: null, load: s.load }
}

/** A transaction that, when this call opens it, settles the source ids a bulk load stored in it (see LoadState). */
export async function settled<T>(s: Scope, fn: (x: Executor) => Promise<T>): Promise<T> {
  const outer = !s.x.inTransaction
  let committed = false
  try {
    const out = await s.x.transaction(fn)
    committed = true
    return out
  } finally {
    if (outer) {
      if (committed) for (const key of s.load.pending) s.load.sourceIds?.add(key)
      s.load.pending.clear()
    }
  }
}

/** The list snapshot of the current state, if there is one (never inside a transaction: it cannot see its writes). */
export async function snapshot(s: Scope): Promise<ListSnapshot | null> {
  if (s.listIndex === null || s.x.inTransaction) return null
  return s.listIndex.current()
}
