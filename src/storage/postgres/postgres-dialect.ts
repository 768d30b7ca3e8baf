/** @module PostgreSQL's differences from the shared SQL (see Dialect): tsvector search; bulk loads keep their indexes. */
import type { BulkLoad, Dialect } from '../sql/dialect.js'
import { summaryColumnsOf, summaryFromRow } from '../sql/rows.js'

/** PostgreSQL keeps its indexes: its bulk path is not index-bound the way SQLite's random-order inserts are. */
const keepIndexes: BulkLoad = {
  deferIndexes: () => Promise.resolve(0),
  restoreIndexes: () => Promise.resolve(0),
  guardIdIndexes: () => Promise.resolve(),
  beforeSupersede: () => Promise.resolve(),
}

/** The PostgreSQL dialect. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  async searchSources(x, words, { limit, offset }) {
    if (words.trim() === '') return { items: [], total: 0, limit, offset }
    const rows = await x.all(
      `SELECT ${summaryColumnsOf('s')}, ts_headline('english', left(coalesce(s.search_text, s.text), 100000), q, 'StartSel=«, StopSel=», MaxWords=24, MinWords=8') AS snippet
         FROM sources s, plainto_tsquery('english', ?) q
        WHERE s.tsv @@ q ORDER BY ts_rank(s.tsv, q) DESC, s.seq LIMIT ? OFFSET ?`,
      [words, limit, offset],
    )
    const total = await x.get(`SELECT count(*) AS n FROM sources s WHERE s.tsv @@ plainto_tsquery('english', ?)`, [words])
    return { items: rows.map((r) => ({ ...summaryFromRow(r), snippet: String(r.snippet) })), total: Number(total?.n ?? 0), limit, offset }
  },
  // Words in a row (<->), the last a prefix (:*); every key must match (&). A key holds letters and digits only.
  victimNameMatch: (keys) => ({
    sql: `v.name_tsv @@ to_tsquery('simple', ?)`,
    params: [keys.map((k) => (k.match(/[\p{L}\p{N}]+/gu) ?? []).map((w, i, all) => (i === all.length - 1 ? `${w}:*` : w)).join(' <-> ')).join(' & ')],
  }),
  // Places are stored as JSON text: cast to jsonb to read a field, and a number from the text ->> gives.
  jsonTextField: (column, field, kind) => `(${column}::jsonb ->> '${field}')${kind === 'number' ? '::float8' : ''}`,
  bulkLoad: keepIndexes,
  migrationStatements: (m) => m.postgres,
}
