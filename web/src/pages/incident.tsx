/**
 * @module The incident page: figures per category with their ranges, each down to its claims and quotes in their
 * sources; the editor's notes (strike status, belligerent, summary, grade with the grader's reason); one revision
 * history of the incident and its claims (accepted, edited, rejected, moved: who, when, why).
 */
import { useState } from 'preact/hooks'
import type { Figure, Revision, SourceSummary } from '../api.js'
import { api, type ApiClaim } from '../api.js'
import { claimFigure, figureText, periodText, placeText, sourceTitle, when } from '../format.js'
import { excerpt } from '../highlight.js'
import { claimsAsTheyWere, revisionChanges } from '../revision-text.js'
import { useSession } from '../auth.js'
import { Badge, ErrorNote, Highlighted, Title, useLoad } from '../ui.js'
import { IncidentEditor, MergeSplit } from './incident-edit.js'
import { Disputes } from './incident-disputes.js'
import { IncidentVictims } from './incident-victims.js'

/** The page for one incident. */
export function IncidentPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useLoad(() => api.incident(id), id)
  const session = useSession()
  if (error) return (<section><Title>Incident</Title><ErrorNote error={error} /></section>)
  if (loading || !data) return (<section><Title>Incident</Title><p aria-live="polite">Loading…</p></section>)
  const { incident: i, claims, sources, victims, revisions } = data
  const byId = new Map(claims.map((c) => [c.id as string, c]))
  const sourceById = new Map(sources.map((s) => [s.id as string, s]))
  return (
    <section>
      <Title>
        {periodText(i.date)} · {placeText(i.place)}
      </Title>
      <p class="muted">
        {i.actor ? `Struck by ${i.actor}` : 'Actor not reported'}
        {i.target ? ` · target: ${i.target}` : ''} · grade {i.grade ?? 'not graded'} · {i.sourceCount} sources
        {i.status === 'merged' && i.mergedInto && (
          <>
            {' · merged into '}
            <a href={`/incidents/${encodeURIComponent(i.mergedInto)}`}>{i.mergedInto}</a>
          </>
        )}
      </p>
      {(i.setByEditor?.place || i.setByEditor?.date) && (
        <p class="muted">
          Set by an editor: {[i.setByEditor.place && 'place', i.setByEditor.date && 'date'].filter(Boolean).join(' and ')} (kept until an editor clears it; later reports do not move it).
        </p>
      )}
      {i.summary && <p class="incident-summary">{i.summary}</p>}
      <dl class="incident-notes">
        <dt>Strike status</dt>
        <dd>{i.strikeStatus ?? 'not stated'}</dd>
        <dt>Belligerent</dt>
        <dd>{i.belligerent ?? 'not stated'}</dd>
        <dt>Civilian harm (Airwars grade)</dt>
        <dd>
          {i.grade ?? 'not graded'}
          {i.grade && i.gradeReason && <span class="grade-reason">: {i.gradeReason}</span>}
        </dd>
      </dl>
      {i.victims.length > 0 && <p>Named: {i.victims.join(', ')}</p>}
      <Disputes findings={data.findings ?? []} />
      {(session.role === 'editor' || session.role === 'admin') && i.status !== 'merged' && (
        <>
          <IncidentEditor key={i.updatedAt} incident={i} onSaved={reload} />
          <MergeSplit incident={i} claims={claims} onSaved={reload} />
        </>
      )}
      <h2>Figures</h2>
      {i.figures.length === 0 && <p>No figures yet.</p>}
      <ul class="figures plain">
        {i.figures.map((f) => (
          <FigureRow key={`${f.measure}-${f.category}`} f={f} claims={f.claims.flatMap((c) => byId.get(c) ?? [])} sources={sourceById} />
        ))}
      </ul>
      <IncidentVictims incidentId={i.id} victims={victims} suggestions={data.victimSuggestions ?? []} sources={sourceById} canEdit={(session.role === 'editor' || session.role === 'admin') && i.status !== 'merged'} onSaved={reload} />
      <h2>Sources</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Publisher</th>
              <th scope="col">Kind</th>
              <th scope="col">Published</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={`/review?source=${encodeURIComponent(s.id)}`}>{sourceTitle(s, `Source ${s.sha256.slice(0, 8)}`)}</a>
                  {s.url && (
                    <>
                      {' '}
                      <a href={safeUrl(s.url)} rel="noopener noreferrer nofollow" target="_blank">
                        original
                      </a>
                    </>
                  )}
                </td>
                <td>{s.publisher ?? '—'}</td>
                <td>{s.kind}</td>
                <td>{s.published ?? '—'}</td>
                <td>
                  <code title={s.sha256}>{s.sha256.slice(0, 16)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Revision history</h2>
      <p class="muted">Changes to this incident and to each of its claims, newest first.</p>
      <Revisions revisions={revisions} claims={byId} victims={new Map(victims.map((v) => [v.id as string, v.name]))} />
    </section>
  )
}

/** Only http(s) links are followed; anything else (javascript:) becomes inert. */
const safeUrl = (u: string): string => (/^https?:\/\//i.test(u) ? u : '#')

function FigureRow({ f, claims, sources }: { f: Figure; claims: ApiClaim[]; sources: Map<string, SourceSummary> }) {
  const [open, setOpen] = useState(false)
  const low = new Set<string>(f.lowClaims)
  const high = new Set<string>(f.highClaims)
  return (
    <li class="card figure">
      <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          <strong>
            {f.category}: {figureText(f)}
          </strong>{' '}
          <span class="muted">
            from {f.claims.length} claims, {f.sources} independent sources
          </span>
        </summary>
        {open && (
          <ol class="plain">
            {claims.map((c) => (
              <li key={c.id} class="claim-in-source">
                <p>
                  <strong>{figureText(c)}</strong> · {c.claimant ?? 'the document'} · <Badge kind={c.status}>{c.status}</Badge>
                  {low.has(c.id) && <Badge kind="bound">sets the low</Badge>}
                  {high.has(c.id) && <Badge kind="bound">sets the high</Badge>}
                </p>
                <Quote claim={c} source={c.source ?? sources.get(c.sourceId) ?? null} />
              </li>
            ))}
          </ol>
        )}
      </details>
    </li>
  )
}

/** The claim's quote highlighted inside an excerpt of its source (text fetched when opened). */
function Quote({ claim, source }: { claim: ApiClaim; source: SourceSummary | null }) {
  const { data, error } = useLoad(() => api.source(claim.sourceId), claim.sourceId)
  const label = source ? `${source.publisher ?? 'unknown publisher'}, ${source.published ?? 'undated'}` : claim.sourceId
  if (error || !data) return <blockquote>{claim.quote}<footer class="muted">— {label}</footer></blockquote>
  const x = excerpt(data.text, claim.span.start, claim.span.end)
  return (
    <blockquote class="excerpt">
      {x.cutBefore && '… '}
      <Highlighted text={x.text} marks={[{ id: claim.id, start: x.start, end: x.end }]} />
      {x.cutAfter && ' …'}
      <footer class="muted">
        — <a href={`/review?source=${encodeURIComponent(claim.sourceId)}`}>{label}</a>
      </footer>
    </blockquote>
  )
}

/** What a change did, in words: a claim's status change reads as accepted or rejected. */
function actionText(r: Revision): string {
  const to = (r.after as { status?: unknown } | null)?.status
  if (r.entityType === 'claim' && r.action === 'status' && typeof to === 'string') return to === 'proposed' ? 'reopened' : to
  const words: Record<string, string> = { create: 'created', edit: 'edited', update: 'updated', link: 'linked', merge: 'merged', absorb: 'absorbed' }
  return words[r.action] ?? r.action
}

function Revisions({ revisions, claims, victims }: { revisions: Revision[]; claims: Map<string, ApiClaim>; victims: Map<string, string> }) {
  if (revisions.length === 0) return <p>No changes recorded.</p>
  const then = claimsAsTheyWere(revisions, claims)
  return (
    <ol class="revisions plain">
      {revisions.map((r) => {
        const claim = r.entityType === 'claim' ? then.get(r.id) : undefined
        // A status change already reads as "accepted" or "rejected"; other changes list their fields.
        const changes = r.action === 'status' ? [] : revisionChanges(r.before, r.after)
        return (
          <li key={r.id}>
            <time dateTime={r.at}>{when(r.at)}</time> · <strong>{actionText(r)}</strong>{' '}
            {r.entityType === 'incident'
              ? 'the incident'
              : claim
                ? `claim “${claimFigure(claim)}” (${claim.claimant ?? 'the document'})`
                : r.entityType === 'victim' && victims.has(r.entityId)
                  ? `victim ${victims.get(r.entityId) ?? ''}`
                  : `${r.entityType} ${r.entityId}`}{' '}
            by{' '}
            {r.actor}
            {r.why ? ` — ${r.why}` : ''}
            {changes.length > 0 && (
              <ul class="changes">
                {changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            )}
          </li>
        )
      })}
    </ol>
  )
}
