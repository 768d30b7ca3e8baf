/** @module The findings page: contradictions, tensions and disputes at one strike, page by page, each with its claims side by side and the arithmetic. */
import { api, type ApiClaim, type ApiFinding } from '../api.js'
import { figureText, formatRange, periodText, placeText, plural } from '../format.js'
import { navigate } from '../router.js'
import { Badge, ErrorNote, Pager, Title, useLoad } from '../ui.js'

/** Findings per page; each page is one request that also carries the claims its findings name. */
const PAGE = 50

/** The findings page; `query` is the URL query (offset). */
export function Findings({ query }: { query: URLSearchParams }) {
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0)
  const { data, error, loading } = useLoad(async () => {
    const page = await api.findingsWithClaims({ limit: PAGE, offset })
    const claims = new Map(page.claims.map((c) => [c.id as string, c]))
    return { ...page, items: page.items.map((f) => ({ ...f, claims: f.claims.map((c) => (typeof c === 'string' ? (claims.get(c) ?? c) : c)) })) }
  }, `findings|${offset}`)
  const go = (next: number): void => navigate(next === 0 ? '/findings' : `/findings?offset=${next}`, true)
  return (
    <section>
      <Title>Findings</Title>
      <p class="muted">
        Claims that cannot all be true (contradictions; at one strike, figure and characterisation disputes), can only if something
        unstated holds (tensions), or one claimant's changed figure (revisions).
      </p>
      <ErrorNote error={error} />
      {loading && <p aria-live="polite">Checking…</p>}
      {data && data.total === 0 && <p>No contradictions, tensions or disputes among the claims.</p>}
      {data && data.total > 0 && (
        <p aria-live="polite">
          {plural(data.total, 'finding')}
          {data.total > PAGE ? `, showing ${offset + 1}–${Math.min(offset + PAGE, data.total)}` : ''}.
        </p>
      )}
      <ul class="plain">
        {data?.items.map((f) => (
          <FindingCard key={f.id} f={f} />
        ))}
      </ul>
      {data && <Pager offset={offset} size={PAGE} total={data.total} go={go} />}
    </section>
  )
}

function FindingCard({ f }: { f: ApiFinding }) {
  const claims = f.claims.filter((c): c is ApiClaim => typeof c === 'object')
  const ids = f.claims.filter((c): c is string => typeof c === 'string')
  return (
    <li class={`card finding ${f.kind}`}>
      <h2>
        <Badge kind={f.kind}>{f.kind}</Badge> {f.measure} · {f.category}
      </h2>
      <p>{f.summary}</p>
      <p class="arithmetic">
        <span class="muted">Arithmetic: </span>
        <code>{f.arithmetic}</code>
      </p>
      {f.implied && (
        <p>
          <span class="muted">Implied for the part no claim covers: </span>
          <strong>{formatRange(f.implied.range)}</strong>
          {f.implied.region ? ` · where: ${f.implied.region}` : ''}
          {f.implied.period ? ` · when: ${periodText(f.implied.period)}` : ''}
        </p>
      )}
      <div class="side-by-side">
        {claims.map((c) => (
          <article key={c.id} class="claim-card" aria-label={`Claim by ${c.claimant ?? 'the document'}`}>
            <h3>{c.claimant ?? 'the document'}</h3>
            <p>
              <strong>{figureText(c)}</strong> · {c.category} · {c.scope}
              {c.zero ? ` · ${c.zero} zero` : ''}
            </p>
            <p class="muted">
              {periodText(c.period)} · {placeText(c.place)}
            </p>
            <blockquote>{c.quote}</blockquote>
            <p class="muted">
              {c.source ? `${c.source.publisher ?? 'unknown publisher'}, ${c.source.published ?? 'undated'} · ` : ''}
              <a href={`/review?source=${encodeURIComponent(c.sourceId)}&claim=${encodeURIComponent(c.id)}`}>in its source</a>
            </p>
          </article>
        ))}
        {ids.map((id) => (
          <article key={id} class="claim-card">
            <h3>Claim {id}</h3>
          </article>
        ))}
      </div>
    </li>
  )
}
