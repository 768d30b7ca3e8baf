/** @module The incidents table: sortable, filtered, paged. */
import type { Incident } from '../../../src/domain/index.js'
import { api } from '../api.js'
import { Filters, filterKey, readFilter } from '../filters.js'
import { figureOf, formatRange, killed, periodText, placeText } from '../format.js'
import { navigate } from '../router.js'
import { ErrorNote, Title, useLoad } from '../ui.js'

const PAGE = 25
const COLUMNS: { key: string; label: string; sort?: string }[] = [
  { key: 'date', label: 'Date', sort: 'date' },
  { key: 'place', label: 'Place' },
  { key: 'actor', label: 'Actor' },
  { key: 'killed', label: 'Killed', sort: 'casualties' },
  { key: 'civilians', label: 'Civilians killed' },
  { key: 'grade', label: 'Grade' },
  { key: 'sources', label: 'Sources', sort: 'sources' },
]

/** The incidents page; `query` is the URL query (filters, sort, offset). */
export function Incidents({ query }: { query: URLSearchParams }) {
  const filter = readFilter(query)
  const sort = query.get('sort') ?? '-date'
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0)
  const { data, error, loading } = useLoad(() => api.incidents({ ...filter, sort, limit: PAGE, offset }), `${filterKey(filter)}|${sort}|${offset}`)
  const go = (changes: Record<string, string | null>): void => {
    const q = new URLSearchParams(query)
    for (const [k, v] of Object.entries(changes)) if (v === null) q.delete(k); else q.set(k, v)
    navigate(`/incidents?${q.toString()}`, true)
  }
  const sortBy = (key: string): void => go({ sort: sort === `-${key}` ? key : `-${key}`, offset: null })
  const ariaSort = (key?: string): 'ascending' | 'descending' | undefined => (!key ? undefined : sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined)
  return (
    <section>
      <Title>Incidents</Title>
      <Filters value={filter} path="/incidents" />
      <ErrorNote error={error} />
      <p aria-live="polite">
        {loading ? 'Loading…' : data ? `${data.total} incidents${data.total > PAGE ? `, showing ${offset + 1}–${Math.min(offset + PAGE, data.total)}` : ''}.` : ''}
      </p>
      <div class="table-wrap" role="region" aria-label="Incidents table" tabIndex={0}>
        <table>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={ariaSort(c.sort)}>
                  {c.sort ? (
                    <button type="button" class="sort" onClick={() => sortBy(c.sort!)}>
                      {c.label} <span aria-hidden="true">{ariaSort(c.sort) === 'ascending' ? '▲' : ariaSort(c.sort) === 'descending' ? '▼' : '↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data?.items.map((i) => (
              <Row key={i.id} i={i} />
            ))}
          </tbody>
        </table>
      </div>
      {data && data.total > PAGE && (
        <nav class="pager" aria-label="Pages">
          <button type="button" disabled={offset === 0} onClick={() => go({ offset: String(Math.max(0, offset - PAGE)) })}>
            Previous
          </button>
          <span>
            Page {Math.floor(offset / PAGE) + 1} of {Math.ceil(data.total / PAGE)}
          </span>
          <button type="button" disabled={offset + PAGE >= data.total} onClick={() => go({ offset: String(offset + PAGE) })}>
            Next
          </button>
        </nav>
      )}
    </section>
  )
}

function Row({ i }: { i: Incident }) {
  const k = killed(i)
  const civ = figureOf(i, 'killed', 'civilians')
  return (
    <tr>
      <td>
        <a href={`/incidents/${encodeURIComponent(i.id)}`}>{periodText(i.date)}</a>
      </td>
      <td>{placeText(i.place)}</td>
      <td>{i.actor ?? '—'}</td>
      <td class="num">{formatRange(k)}</td>
      <td class="num">{civ ? formatRange(civ) : '—'}</td>
      <td>{i.grade ?? '—'}</td>
      <td class="num">{i.sourceCount}</td>
    </tr>
  )
}
