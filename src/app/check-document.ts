/**
 * @module Check one document alone, storing nothing: its extracted claims (as drafts) run through the consistency
 * checker as if they were the whole store. Used by `reckon extract --check` and the API's extract endpoint.
 */
import type { Claim, ClaimDraft } from '../domain/claim.js'
import type { LocalDate } from '../domain/dates.js'
import type { Finding } from '../domain/finding.js'
import { asClaimId, asSourceId } from '../domain/ids.js'
import { extract, summarise, type ExtractionResult } from '../extraction/index.js'
import { checkClaims } from '../reconciliation/index.js'

/** Drafts as unstored claims: ids `draft:N` (N its index), one pseudo-source, status proposed. */
export function draftsAsClaims(drafts: readonly ClaimDraft[]): Claim[] {
  return drafts.map((d, i) => ({
    ...d,
    id: asClaimId(`draft:${i}`),
    sourceId: asSourceId('document'),
    status: 'proposed',
    incidentId: null,
    createdAt: '',
    updatedAt: '',
  }))
}

/** Findings among one document's drafts; open-ended periods end at its publication date when known. */
export function checkDrafts(drafts: readonly ClaimDraft[], published: LocalDate | null): { claims: Claim[]; findings: Finding[] } {
  const claims = draftsAsClaims(drafts)
  return { claims, findings: checkClaims(claims, { publishedOf: () => published }) }
}

/**
 * Extraction and consistency checking on one text, storing nothing (`POST /api/extract` and `reckon extract
 * --check` alike): the drafts are named draft:0, draft:1… in the order of `claims`, and the findings name them so.
 */
export function extractAndCheck(text: string, published: LocalDate | null): { claims: ClaimDraft[]; findings: Finding[] } {
  const { claims } = extract(text, { published })
  return { claims, findings: checkDrafts(claims, published).findings }
}

/** One text's claims, victims and notes with their per-measure summary, storing nothing (`reckon extract`). */
export function extractDocument(text: string, opts: { readonly published: LocalDate | null; readonly publisher?: string | null }): ExtractionResult & { summary: ReturnType<typeof summarise> } {
  const result = extract(text, opts)
  return { ...result, summary: summarise(result.claims) }
}
