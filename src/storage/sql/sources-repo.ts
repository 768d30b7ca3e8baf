/** @module Sources: documents as received, immutable once stored; the same bytes twice are one source. */
import { DomainError } from '../../domain/errors.js'
import type { ChangeContext } from '../../domain/revision.js'
import { sourceIdFor, type Source, type SourceSummary } from '../../domain/source.js'
import { pageBounds, type SourceInput, type SourceRepo } from '../store.js'
import type { Executor } from './executor.js'
import { revise } from './revisions-repo.js'
import { SOURCE_COLUMNS, SUMMARY_COLUMNS, sourceFromRow, sourceRow, summaryFromRow } from './rows.js'
import { within, type Scope } from './scope.js'
import { chunks, IN_CHUNK, marks, now } from './sql-util.js'

/** The sources repository over a scope. */
export function sourcesRepo(s: Scope): SourceRepo {
  const { x } = s
  return {
    add: (input, ctx) => addSource(s, input, ctx),
    get: async (id) => {
      const r = await x.get(`SELECT ${SUMMARY_COLUMNS}, text FROM sources WHERE id = ?`, [id])
      return r === undefined ? null : sourceFromRow(r)
    },
    summaries: async (ids) => {
      const out: SourceSummary[] = []
      for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
        for (const r of await x.all(`SELECT ${SUMMARY_COLUMNS} FROM sources WHERE id IN (${marks(part.length)})`, part)) out.push(summaryFromRow(r))
      }
      return out
    },
    findBySha256: async (sha256) => {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return null
      const r = await x.get(`SELECT ${SUMMARY_COLUMNS} FROM sources WHERE id = ? AND sha256 = ?`, [sourceIdFor(sha256), sha256])
      return r === undefined ? null : summaryFromRow(r)
    },
    list: async (page) => {
      const { limit, offset } = pageBounds(page)
      const rows = await x.all(`SELECT ${SUMMARY_COLUMNS} FROM sources ORDER BY seq LIMIT ? OFFSET ?`, [limit, offset])
      return { items: rows.map(summaryFromRow), total: await countSources(x), limit, offset }
    },
    search: (words, page) => s.dialect.searchSources(x, words, pageBounds(page)),
    count: () => countSources(x),
  }
}

async function countSources(x: Executor): Promise<number> {
  const r = await x.get('SELECT count(*) AS n FROM sources')
  return Number(r?.n ?? 0)
}

const withoutLength = ({ textLength: _textLength, ...rest }: SourceSummary): Omit<SourceSummary, 'textLength'> => rest

async function addSource(s: Scope, input: SourceInput, ctx: ChangeContext): Promise<{ source: Source; created: boolean }> {
  return s.x.transaction(async (x) => {
    await s.dialect.bulkLoad.guardIdIndexes(within(s, x))
    const at = now()
    const row = sourceRow(input, at)
    // ON CONFLICT keeps two writers adding the same bytes at once from failing: the loser reads the winner's row.
    const created = (await x.run(`INSERT INTO sources (${SOURCE_COLUMNS.join(', ')}) VALUES (${marks(row.length)}) ON CONFLICT DO NOTHING`, row)) === 1
    // The text just stored is the caller's: reading it back would hold a second copy of a text of up to 50 MB.
    // The loser of a race reads the winner's.
    const stored = await x.get(`SELECT ${SUMMARY_COLUMNS}${created ? '' : ', text'} FROM sources WHERE id = ?`, [row[0]!])
    if (stored === undefined) throw new DomainError('internal_error', `source ${input.sha256} vanished after insert`)
    const source = created ? { ...withoutLength(summaryFromRow(stored)), text: input.text } : sourceFromRow(stored)
    if (created) {
      const { text: _text, ...summary } = source
      await revise(x, 'source', source.id, 'create', ctx, null, summary)
    }
    return { source, created }
  })
}
