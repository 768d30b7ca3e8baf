/** @module SQLite's differences from the shared SQL (see Dialect): FTS5 search, index deferral for bulk loads. */
import type { Dialect } from '../sql/dialect.js'
import { summaryColumnsOf, summaryFromRow } from '../sql/rows.js'
import { sqliteBulkLoad } from './sqlite-bulk-load.js'

/** Words of a search, as FTS5 quoted terms (every term must match; quoting keeps operators literal). */
function fts5Query(words: string): string {
  return (words.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => `"${w}"`).join(' ')
}

/** The letters-and-digits words of a name key (a key has no other characters; this keeps FTS operators out regardless). */
const nameWords = (key: string): string[] => key.match(/[\p{L}\p{N}]+/gu) ?? []

/** The SQLite dialect. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  async searchSources(x, words, { limit, offset }) {
    const q = fts5Query(words)
    if (q === '') return { items: [], total: 0, limit, offset }
    const rows = await x.all(
      `SELECT ${summaryColumnsOf('s')}, snippet(sources_fts, 1, '«', '»', '…', 16) AS snippet
         FROM sources_fts JOIN sources s ON s.seq = sources_fts.rowid
        WHERE sources_fts MATCH ? ORDER BY rank, s.seq LIMIT ? OFFSET ?`,
      [q, limit, offset],
    )
    const total = await x.get('SELECT count(*) AS n FROM sources_fts WHERE sources_fts MATCH ?', [q])
    return { items: rows.map((r) => ({ ...summaryFromRow(r), snippet: String(r.snippet) })), total: Number(total?.n ?? 0), limit, offset }
  },
  // A quoted phrase with `*` after it: its words in a row, the last a prefix ("abd rahman"* finds "abd rahmani").
  victimNameMatch: (keys) => ({
    sql: 'v.seq IN (SELECT rowid FROM victims_fts WHERE victims_fts MATCH ?)',
    params: [keys.map((k) => `"${nameWords(k).join(' ')}"*`).join(' ')],
  }),
  // JSON numbers come out of json_extract as numbers already.
  jsonTextField: (column, field) => `json_extract(${column}, '$.${field}')`,
  bulkLoad: sqliteBulkLoad,
  migrationStatements: (m) => m.sqlite,
}
