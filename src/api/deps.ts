/**
 * @module What the API needs besides the Store: the document use cases of app/ (read, extract, store and process,
 * suggest), passed in by the entry point so the HTTP layer holds no pipeline logic of its own, and its version.
 */
import type { DocumentUseCases } from '../app/document-use-cases.js'
import type { IncidentMatch } from '../app/process-source.js'
import { VERSION } from './version.js'

export type { ProcessedSource } from '../app/document-use-cases.js'

/** A candidate incident for a claim, with its score and reasons (app/process-source.ts ranks them). */
export type IncidentSuggestion = IncidentMatch

/** The use cases the API calls, and the version /api/health and the OpenAPI document report. */
export interface ApiDeps extends DocumentUseCases {
  readonly version: string
}

/** ApiDeps over the given use cases, at this build's version. */
export function apiDeps(cases: DocumentUseCases): ApiDeps {
  return { ...cases, version: VERSION }
}
