/**
 * @module The small SQL surface the shared store needs from a driver: queries with `?` placeholders,
 * a fast many-row insert, and transactions. Each adapter implements it over its own driver.
 */

/** A value a query parameter may hold (booleans are not used: SQLite has none). */
export type SqlValue = string | number | null

/** One row as the driver returns it. PostgreSQL returns counts and sums as strings: convert with `Number`. */
export type Row = Record<string, unknown>

/** Runs SQL for the shared store. Placeholders are `?`; the PostgreSQL executor numbers them. */
export interface Executor {
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>
  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>
  /** Runs a statement and resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>
  /** Inserts many rows into one table as fast as the driver allows; `ignoreConflicts` adds ON CONFLICT DO NOTHING. */
  insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], ignoreConflicts?: boolean): Promise<void>
  /** Runs `fn` in a transaction (joining one already open on this executor). */
  transaction<T>(fn: (x: Executor) => Promise<T>): Promise<T>
  /**
   * A value that differs after every committed change to the data, by this connection or any other; null when the
   * driver cannot tell (then nothing is cached on the strength of it). Read outside transactions only.
   */
  changeStamp(): Promise<string | null>
  /** True inside `transaction`. */
  readonly inTransaction: boolean
  close(): Promise<void>
}
