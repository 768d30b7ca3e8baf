/**
 * @module The use cases `reckon serve` gives the API. Reconciling an incident's figures is done here from the pure
 * reconciliation module; ingest and extraction come from app/ and extraction/ as they land.
 */
import type { ClaimDraft } from '../domain/claim.js'
import type { Finding } from '../domain/finding.js'
import type { IncidentId } from '../domain/ids.js'
import { reconcile } from '../reconciliation/reconcile.js'
import type { Store } from '../storage/store.js'
import type { ApiDeps } from './deps.js'
import { VERSION } from './version.js'

/** Recomputes figures of the incidents from their counting claims and their sources' publishers. */
export async function refreshWithReconcile(store: Store, ids: readonly IncidentId[]): Promise<void> {
  for (const id of ids) {
    const claims = await store.claims.list({ incidentId: id }, { limit: 1000 })
    const sources = []
    for (const sid of new Set(claims.items.map((c) => c.sourceId))) {
      const s = await store.sources.get(sid)
      if (s) sources.push({ id: s.id, publisher: s.publisher })
    }
    await store.incidents.setFigures(id, reconcile(claims.items, sources))
  }
}

/** An extractor: text (and publication date) to drafts and findings. */
export type Extractor = (text: string, published: string | null) => { claims: readonly ClaimDraft[]; findings: readonly Finding[] }

/** ApiDeps from an extractor: ingest stores the source and its drafts; suggestions rank date-near candidates. */
export function depsWithExtractor(extractor: Extractor): ApiDeps {
  return {
    version: VERSION,
    processSource: async (store, input, ctx) =>
      store.transaction(async (tx) => {
        const { source, created } = await tx.sources.add(input, ctx)
        const claims = await tx.claims.addForSource(source.id, extractor(source.text, source.published).claims, ctx)
        return { source, claims, created }
      }),
    extract: async (text, { published }) => Promise.resolve(extractor(text, published)),
    refreshIncidents: refreshWithReconcile,
    suggest: async (store, claim) => {
      const found = await store.incidents.candidates({ date: claim.period, country: claim.place?.country ?? null, limit: 10 })
      return found.map((incident, i) => ({ incident, score: 1 / (i + 1), reasons: ['near in date'] }))
    },
  }
}

/** The deps `reckon serve` uses. */
export function appDeps(): ApiDeps {
  // TODO(#5): use extraction/ and app/process-source.ts once they are merged; until then nothing is extracted.
  return depsWithExtractor(() => ({ claims: [], findings: [] }))
}
