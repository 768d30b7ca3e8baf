/**
 * @module The use cases `reckon serve` gives the API, each from app/: ingest (extract → store → link → reconcile, one
 * transaction), extract-and-check, re-reconciling after a change and suggestions. Nothing here computes on its own.
 */
import type { ClaimDraft } from '../domain/claim.js'
import type { Finding } from '../domain/finding.js'
import type { ApiDeps } from './deps.js'
import { VERSION } from './version.js'
import { extractAndCheck } from '../app/check-document.js'
import type { DocumentPool } from '../app/document-pool.js'
import { readDocument } from '../readers/read-document.js'
import { processSource, reconcileIncidents, suggestForClaim } from '../app/process-source.js'

/** An extractor: text (and publication date) to drafts and findings. */
export type Extractor = (text: string, published: string | null) => { claims: readonly ClaimDraft[]; findings: readonly Finding[] }

/** Reckon's rule-based extraction, with consistency checking over the drafts of the one text. */
export const rulesExtractor: Extractor = (text, published) => extractAndCheck(text, published)

/** ApiDeps from an extractor: ingest stores the source and its drafts; suggestions come from the linker. */
export function depsWithExtractor(extractor: Extractor): ApiDeps {
  return {
    version: VERSION,
    processSource: async (store, input, ctx) =>
      store.transaction(async (tx) => {
        const { source, created } = await tx.sources.add(input, ctx)
        const claims = distinct(await tx.claims.addForSource(source.id, extractor(source.text, source.published).claims, ctx))
        return { source, claims, created }
      }),
    read: readDocument,
    extract: async (text, { published }) => Promise.resolve(extractor(text, published)),
    refreshIncidents: reconcileIncidents,
    suggest: suggestForClaim,
  }
}

/** Distinct claims in first-seen order: drafts sharing a claim key map to one stored claim. */
function distinct<T extends { readonly id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>()
  return items.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)))
}

/**
 * The deps `reckon serve` uses. With a pool, reading, extraction and the extract endpoint's checking run on its
 * worker threads (under its deadline and memory limit), and a document's claims are extracted before its
 * transaction opens, so no transaction waits on extraction.
 */
export function appDeps(pool?: DocumentPool): ApiDeps {
  const base = depsWithExtractor(rulesExtractor)
  return {
    ...base,
    ...(pool === undefined
      ? {}
      : {
          read: (bytes, opts) => pool.read(bytes, opts),
          extract: (text, { published }) => pool.check(text, published),
        }),
    processSource: async (store, input, ctx) => {
      const drafts = pool === undefined ? undefined : await pool.extract(input.text, input.published, input.filename ?? 'the document')
      return store.transaction(async (tx) => {
        const { source, created } = await tx.sources.add(input, ctx)
        // Re-posting known bytes re-runs the pipeline, which adds nothing already stored or linked.
        const result = await processSource(tx, source, ctx, drafts === undefined ? undefined : () => drafts)
        // Linking ran after the claims were stored: read them again to answer with their incidents.
        const claims = []
        for (const c of distinct(result.claims)) claims.push((await tx.claims.get(c.id)) ?? c)
        return { source, claims, created }
      })
    },
    refreshIncidents: reconcileIncidents,
  }
}
