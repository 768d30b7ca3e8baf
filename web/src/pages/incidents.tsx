/** @module The incidents table: sortable, filtered, paged. */
import type { Incident } from '../api.js'
import { api, type IncidentFilter, type Page } from '../api.js'
import { ExportLinks, Filters, filterKey, readFilter } from '../filters.js'
import { figureOf, formatRange, killed, periodText, placeText, plural } from '../format.js'
import { navigate } from '../router.js'
import { Badge, ErrorNote, Pager, Title, useLoad } from '../ui.js'

const PAGE = 25
/** Sortable columns cycle through the orders the API offers (date both ways; most killed first). */
const COLUMNS: { key: string; label: string; sorts?: readonly string[] }[] = [
  { key: 'date', label: 'Date', sorts: ['-date', 'date'] },
  { key: 'place', label: 'Place' },
  { key: 'actor', label: 'Actor' },
  { key: 'killed', label: 'Killed', sorts: ['-killed'] },
  { key: 'civilians', label: 'Civilians killed' },
  { key: 'grade', label: 'Grade' },
  { key: 'sources', label: 'Sources' },
]

/** One page of incidents, every filter (grade included) applied by the API. */
async function load(filter: IncidentFilter, sort: string, offset: number): Promise<Page<Incident>> {
  return api.incidents({ ...filter, sort, limit: PAGE, offset })
}

/** The incidents page; `query` is the URL query (filters, sort, offset). */
export function Incidents({ query }: { query: URLSearchParams }) {
  const filter = readFilter(query)
  const sort = query.get('sort') ?? '-date'
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0)
  const { data, error, loading } = useLoad(() => load(filter, sort, offset), `${filterKey(filter)}|${sort}|${offset}`)
  const go = (changes: Record<string, string | null>): void => {
    const q = new URLSearchParams(query)
    for (const [k, v] of Object.entries(changes)) if (v === null) q.delete(k); else q.set(k, v)
    navigate(`/incidents?${q.toString()}`, true)
  }
  const sortBy = (sorts: readonly string[]): void => {
    const i = sorts.indexOf(sort)
    go({ sort: sorts[(i + 1) % sorts.length]!, offset: null })
  }
  const ariaSort = (sorts?: readonly string[]): 'ascending' | 'descending' | undefined =>
    !sorts || !sorts.includes(sort) ? undefined : sort.startsWith('-') ? 'descending' : 'ascending'
  return (
    <section>
      <Title>Incidents</Title>
      <Filters key={filterKey(filter)} value={filter} path="/incidents" />
      <ExportLinks value={filter} />
      <ErrorNote error={error} />
      <p aria-live="polite">
        {loading ? 'Loading…' : data ? `${plural(data.total, 'incident')}${data.total > PAGE ? `, showing ${offset + 1}–${Math.min(offset + PAGE, data.total)}` : ''}.` : ''}
      </p>
      <div class="table-wrap" role="region" aria-label="Incidents table" tabIndex={0}>
        <table>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={ariaSort(c.sorts)}>
                  {c.sorts ? (
                    <button type="button" class="sort" onClick={() => sortBy(c.sorts!)}>
                      {c.label} <span aria-hidden="true">{ariaSort(c.sorts) === 'ascending' ? '▲' : ariaSort(c.sorts) === 'descending' ? '▼' : '↕'}</span>
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
      {data && <Pager offset={offset} size={PAGE} total={data.total} go={(o) => go({ offset: String(o) })} />}
    </section>
  )
}

function Row({ i }: { i: Incident & { readonly disputed?: boolean } }) {
  const k = killed(i)
  const civ = figureOf(i, 'killed', 'civilians')
  return (
    <tr>
      <td>
        <a href={`/incidents/${encodeURIComponent(i.id)}`}>{periodText(i.date)}</a>
        {i.disputed === true && (
          <>
            {' '}
            <Badge kind="disputed">open dispute</Badge>
          </>
        )}
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
