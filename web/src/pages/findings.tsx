/** @module The findings page: contradictions, tensions and disputes at one strike, page by page, each with its claims side by side and the arithmetic. */
import { useState } from 'preact/hooks'
import { api, type ApiClaim, type ApiFinding } from '../api.js'
import { canEdit, useSession } from '../auth.js'
import { figureText, formatRange, periodText, placeText, plural } from '../format.js'
import { navigate } from '../router.js'
import { Badge, ErrorNote, Pager, Title, useLoad } from '../ui.js'

/** Findings per page; each page is one request that also carries the claims its findings name. */
const PAGE = 50

/** A finding whose claims the page has joined from the page's claims (an id left where the claim was not sent). */
type JoinedFinding = Omit<ApiFinding, 'claims'> & { readonly claims: readonly (string | ApiClaim)[] }

/** The findings page; `query` is the URL query (offset). */
export function Findings({ query }: { query: URLSearchParams }) {
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0)
  const { data, error, loading } = useLoad(async () => {
    const page = await api.findingsWithClaims({ limit: PAGE, offset })
    const claims = new Map(page.claims.map((c) => [c.id, c]))
    return { ...page, items: page.items.map((f): JoinedFinding => ({ ...f, claims: f.claims.map((c) => claims.get(c) ?? c) })) }
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

/**
 * A finding's review state, and for an editor the form that confirms or dismisses it (or reopens it) with a reason,
 * kept as a revision. Used on the findings page and on the incident page.
 */
export function FindingReview({ f }: { f: Pick<ApiFinding, 'id' | 'status' | 'reason'> }) {
  const session = useSession()
  const [state, setState] = useState({ status: f.status ?? 'open', reason: f.reason ?? null })
  const [reason, setReason] = useState('')
  const [error, setError] = useState<Error | null>(null)
  const review = async (action: 'confirm' | 'dismiss' | 'reopen'): Promise<void> => {
    setError(null)
    try {
      const done = await api.reviewFinding(f.id, action, reason.trim())
      setState({ status: done.status ?? 'open', reason: done.reason ?? null })
      setReason('')
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)))
    }
  }
  const reviewed = state.status !== 'open'
  return (
    <div class="finding-review">
      <p role="status">
        <Badge kind={`status-${state.status}`}>{state.status}</Badge>
        {state.reason ? ` · ${state.reason}` : ''}
      </p>
      {canEdit(session) && (
        <form class="inline" onSubmit={(e) => e.preventDefault()}>
          <label>
            Reason
            <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} required maxLength={2000} />
          </label>
          {!reviewed && (
            <>
              <button type="button" disabled={reason.trim() === ''} onClick={() => void review('confirm')}>Confirm</button>
              <button type="button" disabled={reason.trim() === ''} onClick={() => void review('dismiss')}>Dismiss</button>
            </>
          )}
          {reviewed && <button type="button" disabled={reason.trim() === ''} onClick={() => void review('reopen')}>Reopen</button>}
        </form>
      )}
      <ErrorNote error={error} />
    </div>
  )
}

function FindingCard({ f }: { f: JoinedFinding }) {
  const claims = f.claims.filter((c): c is ApiClaim => typeof c === 'object')
  const ids = f.claims.filter((c): c is string => typeof c === 'string')
  return (
    <li class={`card finding ${f.kind}`} data-finding={f.id}>
      <h2>
        <Badge kind={f.kind}>{f.kind}</Badge> {f.measure} · {f.category}
      </h2>
      <p>{f.summary}</p>
      <FindingReview f={f} />
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
