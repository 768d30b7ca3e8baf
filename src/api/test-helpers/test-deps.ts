/** @module ApiDeps for tests of the HTTP layer: the real reconciliation with a given extractor. */
import { depsWithExtractor, type Extractor } from '../app-deps.js'
import type { ApiDeps } from '../deps.js'

export type { Extractor } from '../app-deps.js'

/** Test deps over `extractor` (none by default). */
export function testDeps(extractor: Extractor = () => ({ claims: [], findings: [] })): ApiDeps {
  return { ...depsWithExtractor(extractor), version: 'test' }
}
