/** @module The review desk: ingest a report, see every claim highlighted, accept, edit, reject and link each one. */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Source } from '../api.js'
import { CATEGORIES, MEASURES, SCOPES, SOURCE_KINDS } from '../../../src/domain/values.js'
import { api, claimOf, type ApiClaim, type Suggestion } from '../api.js'
import { canEdit, useSession } from '../auth.js'
import { claimFigure, figureText, formatRange, periodText, placeText, sourceTitle } from '../format.js'
import { navigate } from '../router.js'
import { Badge, ErrorNote, Highlighted, Options, Title, useLoad } from '../ui.js'

/** The review desk page; `sourceId` opens a stored source (at claim `claimId`, when given), otherwise the ingest form shows. */
export function Desk({ sourceId, claimId = null }: { sourceId: string | null; claimId?: string | null }) {
  const session = useSession()
  const [ingested, setIngested] = useState<{ source: Source; claims: ApiClaim[]; created: boolean } | null>(null)
  const loaded = useLoad(
    async () => {
      if (!sourceId) return null
      if (ingested && ingested.source.id === sourceId) return { source: ingested.source, claims: ingested.claims }
      const [source, claims] = await Promise.all([api.source(sourceId), api.claims({ sourceId, limit: 500 })])
      return { source, claims: claims.items }
    },
    sourceId ?? '',
  )
  return (
    <section aria-labelledby="page-title">
      <Title>Review desk</Title>
      {!sourceId && (
        <>
          {canEdit(session) ? (
            <IngestForm
              onDone={(r) => {
                setIngested(r)
                navigate(`/review?source=${encodeURIComponent(r.source.id)}`)
              }}
            />
          ) : (
            <p class="note">
              Reading is open to everyone. To add reports and review claims, <a href="/signin">sign in with an editor token</a>.
            </p>
          )}
          <RecentSources />
        </>
      )}
      {sourceId && <ErrorNote error={loaded.error} />}
      {sourceId && loaded.loading && !loaded.data && <p aria-live="polite">Loading the source…</p>}
      {sourceId && loaded.data && (
        <Review source={loaded.data.source} initial={loaded.data.claims} editable={canEdit(session)} created={ingested?.source.id === sourceId ? ingested.created : null} focus={claimId} />
      )}
    </section>
  )
}

function IngestForm({ onDone }: { onDone: (r: { source: Source; claims: ApiClaim[]; created: boolean }) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const fd = new FormData(form)
    const file = fd.get('file')
    const text = String(fd.get('text') ?? '')
    const meta: Record<string, string> = {}
    for (const k of ['title', 'publisher', 'kind', 'published', 'url']) {
      const v = String(fd.get(k) ?? '').trim()
      if (v) meta[k] = v
    }
    setBusy(true)
    setError(null)
    try {
      let r
      if (file instanceof File && file.size > 0) {
        const up = new FormData()
        up.set('file', file)
        for (const [k, v] of Object.entries(meta)) up.set(k, v)
        r = await api.ingestFile(up)
      } else if (text.trim()) {
        r = await api.ingestText({ text, ...meta })
      } else {
        throw new Error('Paste the text of a report or choose a file.')
      }
      onDone(r)
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="card ingest" onSubmit={(e) => void submit(e)} aria-labelledby="ingest-title">
      <h2 id="ingest-title">Add a report</h2>
      <label for="f-text">Text of the report</label>
      <textarea id="f-text" name="text" rows={10} placeholder="Paste the article or report here" />
      <label for="f-file">…or a file (txt, html, pdf)</label>
      <input id="f-file" name="file" type="file" accept=".txt,.md,.html,.htm,.pdf,text/plain,text/html,application/pdf" />
      <div class="grid">
        <div>
          <label for="f-title">Title</label>
          <input id="f-title" name="title" type="text" />
        </div>
        <div>
          <label for="f-publisher">Publisher</label>
          <input id="f-publisher" name="publisher" type="text" placeholder="e.g. Amnesty International" />
        </div>
        <div>
          <label for="f-kind">Kind of source</label>
          <select id="f-kind" name="kind">
            <Options values={SOURCE_KINDS} selected="news" />
          </select>
        </div>
        <div>
          <label for="f-published">Published</label>
          <input id="f-published" name="published" type="date" />
        </div>
        <div class="wide">
          <label for="f-url">URL</label>
          <input id="f-url" name="url" type="url" placeholder="https://…" />
        </div>
      </div>
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Extracting…' : 'Extract claims'}
      </button>
      <ErrorNote error={error} />
    </form>
  )
}

function RecentSources() {
  const { data, error } = useLoad(() => api.sources({ limit: 20 }), 'recent')
  if (error) return <ErrorNote error={error} />
  if (!data || data.items.length === 0) return null
  return (
    <section class="card" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent sources</h2>
      <ul class="plain">
        {data.items.map((s) => (
          <li key={s.id}>
            <a href={`/review?source=${encodeURIComponent(s.id)}`}>{sourceTitle(s, `Source ${s.sha256.slice(0, 8)}`)}</a>{' '}
            <span class="muted">
              {s.publisher ?? 'unknown publisher'} · {s.published ?? 'undated'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

const isTyping = (t: EventTarget | null): boolean => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))

function Review({ source, initial, editable, created, focus = null }: { source: Source; initial: ApiClaim[]; editable: boolean; created: boolean | null; focus?: string | null }) {
  // One entry per claim id (an ingest answer may repeat a claim whose natural key two drafts share), in text order.
  const sorted = (cs: ApiClaim[]): ApiClaim[] => [...new Map(cs.map((c) => [c.id, c])).values()].sort((a, b) => a.span.start - b.span.start)
  const [claims, setClaims] = useState(() => sorted(initial))
  // Opened from a finding or an incident at one claim: that claim's quote is selected and brought into view.
  const [sel, setSel] = useState<string | null>(focus !== null && claims.some((c) => c.id === focus) ? focus : (claims[0]?.id ?? null))
  useEffect(() => {
    if (focus !== null) document.querySelector(`mark[data-claim~="${CSS.escape(focus)}"]`)?.scrollIntoView({ block: 'center' })
  }, [focus])
  const [mode, setMode] = useState<'none' | 'reject' | 'edit' | 'link'>('none')
  const [error, setError] = useState<Error | null>(null)
  const [status, setStatus] = useState('')
  useEffect(() => setClaims(sorted(initial)), [initial])
  const idx = claims.findIndex((c) => c.id === sel)
  const current = idx >= 0 ? claims[idx] : undefined

  const replace = (c: ApiClaim): void => setClaims((cs) => cs.map((x) => (x.id === c.id ? { ...x, ...c } : x)))
  const run = async (what: string, f: () => Promise<void>): Promise<void> => {
    setError(null)
    try {
      await f()
      setStatus(what)
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)))
    }
  }
  const accept = (c: ApiClaim): Promise<void> => run(`Accepted: ${claimFigure(c)}`, async () => replace(claimOf(await api.accept(c.id))))
  const select = (id: string): void => {
    setSel(id)
    setMode('none')
    document.getElementById(`claim-${id}`)?.scrollIntoView({ block: 'nearest' })
    document.querySelector(`mark[data-claim~="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' })
  }

  // The key handler is registered once and reads the latest state through a ref: a handler re-registered after each
  // render would see stale state when keys come faster than effects run (j then a must accept the next claim).
  const live = useRef({ claims, idx, current, editable, accept, select, setMode })
  live.current = { claims, idx, current, editable, accept, select, setMode }
  const cursor = useRef(idx)
  cursor.current = idx
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey) return
      const s = live.current
      const at = cursor.current
      const move = (d: number): void => {
        const next = s.claims[Math.max(0, Math.min(s.claims.length - 1, (at < 0 ? -1 : at) + d))]
        if (!next) return
        cursor.current = s.claims.indexOf(next)
        s.select(next.id)
      }
      const cur = at >= 0 ? s.claims[at] : undefined
      if (e.key === 'j') move(1)
      else if (e.key === 'k') move(-1)
      else if (e.key === 'a' && s.editable && cur) void s.accept(cur)
      else if (e.key === 'r' && s.editable && cur) s.setMode('reject')
      else if (e.key === 'e' && s.editable && cur) s.setMode('edit')
      else if (e.key === 'l' && s.editable && cur) s.setMode('link')
      else if (e.key === 'Escape') s.setMode('none')
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const marks = claims.map((c) => ({ id: c.id, start: c.span.start, end: c.span.end, cls: c.status, label: `${claimFigure(c)} (${c.status})` }))
  const counts = { proposed: 0, accepted: 0, rejected: 0 }
  for (const c of claims) counts[c.status]++
  return (
    <div class="review">
      <header class="source-head">
        <h2>{sourceTitle(source)}</h2>
        <p class="muted">
          {source.publisher ?? 'unknown publisher'} · {source.kind} · published {source.published ?? 'date unknown'} · sha256{' '}
          <code>{source.sha256.slice(0, 12)}…</code>
          {created === false && ' · already in the store (same bytes)'}
        </p>
        <p aria-live="polite">
          {claims.length} claims: {counts.proposed} to review, {counts.accepted} accepted, {counts.rejected} rejected.
          {editable && <span class="muted"> Keys: j/k next/previous, a accept, r reject, e edit, l link.</span>}
        </p>
        <p class="sr-only" aria-live="polite">
          {status}
        </p>
        <ErrorNote error={error} />
        <p>
          <a href="/review">Add another report</a>
        </p>
      </header>
      <div class="split">
        <article class="source-text card" tabIndex={0} aria-label="Source text with claims highlighted" lang={source.language ?? undefined}>
          <Highlighted text={source.text} marks={marks} selected={sel} onSelect={select} />
        </article>
        <aside aria-label="Claims in this source">
          <ol class="claims">
            {claims.map((c) => (
              <li key={c.id} id={`claim-${c.id}`} class={`claim-item ${c.status}${c.id === sel ? ' selected' : ''}`} aria-current={c.id === sel ? 'true' : undefined}>
                <button type="button" class="claim-summary" onClick={() => select(c.id)} aria-expanded={c.id === sel}>
                  <strong>{figureText(c)}</strong> · {c.category} · {c.scope}
                  <br />
                  <span class="muted">{c.claimant ?? 'the document'} · {periodText(c.period)}</span> <Badge kind={c.status}>{c.status}</Badge>
                </button>
                {c.id === sel && (
                  <div class="claim-detail">
                    <blockquote>{c.quote}</blockquote>
                    <p class="muted">
                      {c.actor ? `by ${c.actor} · ` : ''}
                      {placeText(c.place)}
                      {c.incidents ? ` · ${c.incidents} strikes` : ''}
                      {c.incidentId ? (
                        <>
                          {' · '}
                          <a href={`/incidents/${encodeURIComponent(c.incidentId)}`}>incident</a>
                        </>
                      ) : (
                        ' · not linked'
                      )}
                    </p>
                    {editable && (
                      <div class="actions">
                        <button type="button" class="primary" onClick={() => void accept(c)} disabled={c.status === 'accepted'}>
                          Accept <kbd>a</kbd>
                        </button>
                        <button type="button" onClick={() => setMode('edit')}>
                          Edit <kbd>e</kbd>
                        </button>
                        <button type="button" onClick={() => setMode('reject')} disabled={c.status === 'rejected'}>
                          Reject <kbd>r</kbd>
                        </button>
                        <button type="button" onClick={() => setMode('link')}>
                          Link <kbd>l</kbd>
                        </button>
                      </div>
                    )}
                    {editable && mode === 'reject' && (
                      <ReasonForm
                        label="Why reject this claim?"
                        action="Reject"
                        onCancel={() => setMode('none')}
                        onSubmit={(reason) =>
                          run(`Rejected: ${claimFigure(c)}`, async () => {
                            replace(claimOf(await api.reject(c.id, reason)))
                            setMode('none')
                          })
                        }
                      />
                    )}
                    {editable && mode === 'edit' && (
                      <EditForm
                        claim={c}
                        onCancel={() => setMode('none')}
                        onSubmit={(edit, reason) =>
                          run(`Edited: ${claimFigure(c)}`, async () => {
                            replace(claimOf(await api.edit(c.id, edit, reason)))
                            setMode('none')
                          })
                        }
                      />
                    )}
                    {editable && mode === 'link' && (
                      <LinkPanel
                        claim={c}
                        onCancel={() => setMode('none')}
                        onLink={(incidentId, reason) =>
                          run(incidentId ? 'Linked to the incident' : 'Moved to a new incident', async () => {
                            const r = await api.move(c.id, incidentId, reason)
                            // The API answers with the moved claim (its new incident id included).
                            const moved = r && typeof r === 'object' ? claimOf(r) : null
                            replace(moved && moved.id === c.id ? moved : { ...c, incidentId: (incidentId ?? c.incidentId) as ApiClaim['incidentId'] })
                            setMode('none')
                          })
                        }
                      />
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
          {claims.length === 0 && <p>No casualty claims were found in this text.</p>}
        </aside>
      </div>
    </div>
  )
}

function ReasonForm(props: { label: string; action: string; onSubmit: (reason: string) => Promise<void>; onCancel: () => void }) {
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => ref.current?.focus(), [])
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault()
        void props.onSubmit(ref.current?.value.trim() || 'no reason given')
      }}
      onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
    >
      <label for="reason">{props.label}</label>
      <input id="reason" ref={ref} type="text" required />
      <button type="submit" class="primary">
        {props.action}
      </button>{' '}
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  )
}

function EditForm(props: { claim: ApiClaim; onSubmit: (edit: Record<string, unknown>, reason: string) => Promise<void>; onCancel: () => void }) {
  const c = props.claim
  const first = useRef<HTMLSelectElement>(null)
  useEffect(() => first.current?.focus(), [])
  const submit = (e: Event): void => {
    e.preventDefault()
    const fd = new FormData(e.currentTarget as HTMLFormElement)
    const num = (k: string): number | null => {
      const v = String(fd.get(k) ?? '').trim()
      return v === '' ? null : Number(v)
    }
    const str = (k: string): string | null => String(fd.get(k) ?? '').trim() || null
    const edit: Record<string, unknown> = {}
    const next = { measure: str('measure'), category: str('category'), scope: str('scope'), min: num('min'), max: num('max'), claimant: str('claimant'), actor: str('actor') }
    for (const [k, v] of Object.entries(next)) if (v !== (c as unknown as Record<string, unknown>)[k]) edit[k] = v
    void props.onSubmit(edit, String(fd.get('reason') ?? '').trim() || 'edited on review')
  }
  return (
    <form class="inline-form grid" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <div>
        <label for="e-measure">Measure</label>
        <select id="e-measure" name="measure" ref={first}>
          <Options values={MEASURES} selected={c.measure} />
        </select>
      </div>
      <div>
        <label for="e-category">Category</label>
        <select id="e-category" name="category">
          <Options values={CATEGORIES} selected={c.category} />
        </select>
      </div>
      <div>
        <label for="e-scope">Scope</label>
        <select id="e-scope" name="scope">
          <Options values={SCOPES} selected={c.scope} />
        </select>
      </div>
      <div>
        <label for="e-min">Lowest</label>
        <input id="e-min" name="min" type="number" min={0} step={1} defaultValue={c.min === null ? '' : String(c.min)} />
      </div>
      <div>
        <label for="e-max">Highest (empty: no upper bound)</label>
        <input id="e-max" name="max" type="number" min={0} step={1} defaultValue={c.max === null ? '' : String(c.max)} />
      </div>
      <div>
        <label for="e-claimant">Claimant (empty: the document)</label>
        <input id="e-claimant" name="claimant" type="text" defaultValue={c.claimant ?? ''} />
      </div>
      <div>
        <label for="e-actor">Actor</label>
        <input id="e-actor" name="actor" type="text" defaultValue={c.actor ?? ''} />
      </div>
      <div class="wide">
        <label for="e-reason">Reason for the change</label>
        <input id="e-reason" name="reason" type="text" required />
      </div>
      <div class="wide">
        <button type="submit" class="primary">
          Save edit
        </button>{' '}
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function LinkPanel(props: { claim: ApiClaim; onLink: (incidentId: string | null, reason: string) => Promise<void>; onCancel: () => void }) {
  const { data, error, loading } = useLoad<Suggestion[]>(() => api.suggestions(props.claim.id), props.claim.id)
  return (
    <div class="inline-form" role="group" aria-label="Link to an incident" onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <p>
        <strong>Link to an incident</strong> (suggestions ranked best first)
      </p>
      <ErrorNote error={error} />
      {loading && <p>Looking for matching incidents…</p>}
      {data && data.length === 0 && <p>No matching incident.</p>}
      <ol>
        {data?.map((s) => (
          <li key={s.incident.id}>
            <button type="button" onClick={() => void props.onLink(s.incident.id, s.reasons.join('; ') || 'linked on review')} disabled={s.incident.id === props.claim.incidentId}>
              {periodText(s.incident.date)} · {placeText(s.incident.place)} · {s.incident.actor ?? 'actor unknown'}
              {s.incident.figures[0] ? ` · ${formatRange(s.incident.figures[0])} ${s.incident.figures[0].measure}` : ''}
            </button>
            <span class="muted">
              {' '}
              score {s.score.toFixed(2)}
              {s.reasons.length > 0 && ` · ${s.reasons.join('; ')}`}
            </span>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => void props.onLink(null, 'new incident on review')}>
        New incident
      </button>{' '}
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  )
}
