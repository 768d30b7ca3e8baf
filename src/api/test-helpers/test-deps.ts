/**
 * @module ApiDeps for tests of the HTTP layer: the real use cases with a given extractor, except that posting a
 * source stores its claims without linking them to incidents, so the HTTP tests decide which incidents exist (they
 * create, merge and split them through the API). The linking pipeline itself is tested through app/ (pipeline
 * contract) and through `reckon serve`'s real deps (test/cli-api-findings.test.ts, the seed test of the API contract).
 */
import { documentUseCases, type TextExtractor } from '../../app/document-use-cases.js'
import type { ApiDeps } from '../deps.js'

/** A test's extractor: text to drafts and findings. */
export type Extractor = TextExtractor

/** Test deps over `extractor` (none by default). */
export function testDeps(extractor: Extractor = () => ({ claims: [], findings: [] })): ApiDeps {
  return {
    ...documentUseCases({ extractor }),
    processSource: async (store, input, ctx) =>
      store.transaction(async (tx) => {
        const { source, created } = await tx.sources.add(input, ctx)
        const claims = await tx.claims.addForSource(source.id, extractor(source.text, source.published).claims, ctx)
        return { source, claims: [...new Map(claims.map((c) => [c.id, c])).values()], created }
      }),
    version: 'test',
  }
}
