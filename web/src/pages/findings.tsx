/** @module The findings page: contradictions and tensions, each with its claims side by side and the arithmetic. */
import type { Source } from '../../../src/domain/index.js'
import { api, type ApiClaim, type ApiFinding } from '../api.js'
import { figureText, formatRange, periodText, placeText } from '../format.js'
import { Badge, ErrorNote, Title, useLoad } from '../ui.js'

/** The findings page. */
export function Findings() {
  const { data, error, loading } = useLoad(async () => {
    const page = await api.findings({ limit: 200 })
    // Findings name their claims by id; fetch each once, with its source's publisher and date.
    const ids = [...new Set(page.items.flatMap((f) => f.claims.filter((c): c is string => typeof c === 'string')))]
    const claims = new Map<string, ApiClaim>()
    const sources = new Map<string, Promise<Source | null>>()
    await Promise.all(
      ids.map(async (id) => {
        const c = await api.claim(id).catch(() => null)
        if (!c) return
        if (!sources.has(c.sourceId)) sources.set(c.sourceId, api.source(c.sourceId).catch(() => null))
        const s = await sources.get(c.sourceId)
        claims.set(id, { ...c, source: s ? { ...s, textLength: s.text.length } : null })
      }),
    )
    return { ...page, items: page.items.map((f) => ({ ...f, claims: f.claims.map((c) => (typeof c === 'string' ? (claims.get(c) ?? c) : c)) })) }
  }, 'findings')
  return (
    <section>
      <Title>Findings</Title>
      <p class="muted">Claims that cannot all be true (contradictions), or can only if something unstated holds (tensions).</p>
      <ErrorNote error={error} />
      {loading && <p aria-live="polite">Checking…</p>}
      {data && data.items.length === 0 && <p>No contradictions or tensions among the claims.</p>}
      <ul class="plain">
        {data?.items.map((f) => (
          <FindingCard key={f.id} f={f} />
        ))}
      </ul>
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
            </p>
            <p class="muted">
              {periodText(c.period)} · {placeText(c.place)}
            </p>
            <blockquote>{c.quote}</blockquote>
            <p class="muted">
              {c.source ? `${c.source.publisher ?? 'unknown publisher'}, ${c.source.published ?? 'undated'} · ` : ''}
              <a href={`/review?source=${encodeURIComponent(c.sourceId)}`}>in its source</a>
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
