/**
 * @module One finding per distinct disagreement: when the same article is stored twice (as text and as PDF) or two
 * outlets quote the same statements, the checker finds the same contradiction over different claims. Those read
 * identically (same kind, figures, claimants and arithmetic), so they are shown once, backed by all their claims.
 */
import type { Finding } from '../domain/index.js'
import { findingId } from './finding-id.js'

/** Merges findings that say the same thing (kind, measure, category, summary, arithmetic), uniting their claims. */
export function mergeEquivalentFindings(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>()
  for (const f of findings) {
    const key = JSON.stringify([f.kind, f.measure, f.category, f.summary, f.arithmetic])
    const g = groups.get(key)
    if (g) g.push(f)
    else groups.set(key, [f])
  }
  const out: Finding[] = []
  for (const g of groups.values()) {
    const first = g[0]!
    if (g.length === 1) {
      out.push(first)
      continue
    }
    const claims = [...new Set(g.flatMap((f) => f.claims))]
    const claimants = [...new Set(g.flatMap((f) => f.claimants))]
    out.push({ ...first, id: findingId(first.kind, claims), claims, claimants })
  }
  return out
}

/**
 * Drops a figure dispute whose claims all sit in one contradiction: the contradiction (two datasets' figures for one
 * strike) already says those figures cannot both hold, so the disagreement is shown once.
 */
export function withoutRestatedDisputes(findings: readonly Finding[]): Finding[] {
  const contradictions = findings.filter((f) => f.kind === 'contradiction').map((f) => new Set<string>(f.claims))
  if (contradictions.length === 0) return [...findings]
  return findings.filter((f) => f.kind !== 'figure_dispute' || !contradictions.some((c) => f.claims.every((id) => c.has(id))))
}
