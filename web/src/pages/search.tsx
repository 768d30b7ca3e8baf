/** @module Search results: incidents and sources whose reports hold every word, with the matching words marked, and named victims. */
import type { ComponentChildren } from 'preact'
import { api } from '../api.js'
import { killed, formatRange, periodText, placeText, plural } from '../format.js'
import { ErrorNote, Title, useLoad } from '../ui.js'

/** An excerpt with the server's «match» markers shown as marked text, never parsed as HTML. */
export function Snippet({ text }: { text: string }) {
  const parts: ComponentChildren[] = []
  const re = /«([^»]*)»/g
  let at = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > at) parts.push(text.slice(at, m.index))
    parts.push(<mark key={m.index}>{m[1]}</mark>)
    at = m.index + m[0].length
  }
  if (at < text.length) parts.push(text.slice(at))
  return <span class="snippet">{parts}</span>
}

/** The search page for `?q=words`. */
export function SearchPage({ query }: { query: URLSearchParams }) {
  const q = (query.get('q') ?? '').trim()
  const { data, error, loading } = useLoad(() => (q ? api.search(q) : Promise.resolve(null)), q)
  return (
    <section>
      <Title>{q ? `Search: ${q}` : 'Search'}</Title>
      {!q && <p>Type words, names or places in the search box at the top of the page.</p>}
      <ErrorNote error={error} />
      {loading && q && <p aria-live="polite">Searching…</p>}
      {data && (
        <>
          <h2>Incidents</h2>
          {data.incidents.length === 0 ? (
            <p>No incident’s reports hold all of these words.</p>
          ) : (
            <ul class="results">
              {data.incidents.map(({ incident: i, snippet }) => (
                <li key={i.id} class="result">
                  <a href={`/incidents/${encodeURIComponent(i.id)}`}>
                    {periodText(i.date)} · {placeText(i.place)}
                  </a>{' '}
                  <span class="muted">{formatRange(killed(i))} killed</span>
                  <p>
                    <Snippet text={snippet} />
                  </p>
                </li>
              ))}
            </ul>
          )}
          {data.victims && data.victims.items.length > 0 && (
            <>
              <h2>Named victims</h2>
              <ul class="results">
                {data.victims.items.map(({ victim: v, incident: i }) => (
                  <li key={v.id} class="result">
                    <a href={`/incidents/${encodeURIComponent(i.id)}`}>{v.name}</a>{' '}
                    <span class="muted">
                      {v.fate} · {periodText(i.date)} · {placeText(i.place)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2>Sources</h2>
          <p>
            {plural(data.sources.total, 'source')} {data.sources.total === 1 ? 'holds' : 'hold'} all of these words.
          </p>
          <ul class="results">
            {data.sources.items.map((s) => (
              <li key={s.id} class="result">
                <a href={`/review?source=${encodeURIComponent(s.id)}`}>{s.title ?? s.publisher ?? s.id}</a>{' '}
                <span class="muted">
                  {s.publisher ?? ''} {s.published ?? ''}
                </span>
                <p>
                  <Snippet text={s.snippet} />
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
