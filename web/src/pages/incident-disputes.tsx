/** @module The incident page's disputes: a mark when any finding over its claims is open, and each finding to review. */
import type { ApiFinding } from '../api.js'
import { Badge } from '../ui.js'
import { FindingReview } from './findings.js'

/** Marks an incident that carries an open finding, and lists its findings with their review (editors review here too). */
export function Disputes({ findings }: { findings: readonly ApiFinding[] }) {
  if (findings.length === 0) return null
  const open = findings.filter((f) => (f.status ?? 'open') === 'open').length
  return (
    <section class="disputes" aria-label="Findings over this incident's claims">
      {open > 0 ? (
        <p class="disputed">
          <Badge kind="disputed">open dispute</Badge> {open === 1 ? 'One finding over its claims is open' : `${open} findings over its claims are open`}
        </p>
      ) : (
        <p class="muted">Every finding over its claims has been reviewed.</p>
      )}
      <ul class="plain">
        {findings.map((f) => (
          <li key={f.id} class={`card finding ${f.kind}`}>
            <p>
              <Badge kind={f.kind}>{f.kind}</Badge> {f.summary}
            </p>
            <p class="arithmetic">
              <span class="muted">Arithmetic: </span>
              <code>{f.arithmetic}</code>
            </p>
            <FindingReview f={f} />
          </li>
        ))}
      </ul>
    </section>
  )
}
