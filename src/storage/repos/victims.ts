/** @module The victims repository: named victims and the reports that name them. */
import type { ClaimId, IncidentId, SourceId, VictimId } from '../../domain/ids.js'
import type { ChangeContext } from '../../domain/revision.js'
import type { Victim, VictimDraft, VictimFields, VictimReview } from '../../domain/victim.js'
import type { Page, PageRequest } from './page.js'

/** One report's naming of a victim: what extraction found in a claim of a source. */
export interface VictimMentionInput extends VictimDraft {
  readonly claimId: ClaimId
  /** Where the name stands in the source's text (the claim's span when it cannot be placed). */
  readonly span: { readonly start: number; readonly end: number }
}

/** The victim fields an editor changes; absent fields stay as they are. */
export type VictimPatch = Partial<VictimFields>

/**
 * Named victims. A report's naming (a mention) is kept from the moment its source is processed and joins a victim
 * when its claim sits in an incident: the victim of that incident with the same name key (`victimNameKey`), or a new
 * one listed for review (`found`). Mentions follow their claims (linking, merging, splitting, unmerging), so an
 * incident's victims are always named by its own claims, and a victim named by two reports is one victim with two
 * sources. Nothing is deleted: an editor's removal and a merge into another record are statuses.
 */
export interface VictimRepo {
  /** Keeps a source's mentions (each claim's once per name) and settles those whose claims are already linked. */
  addMentions(sourceId: SourceId, mentions: readonly VictimMentionInput[], ctx: ChangeContext): Promise<void>
  /**
   * The victims of an incident, with their sources, in the order recorded: removed and merged records left out, or
   * (with `removed`) removed ones kept, for the incident's history.
   */
  listForIncident(id: IncidentId, opts?: { readonly removed?: boolean }): Promise<Victim[]>
  /** The listed victims (active, not rejected) of each of these incidents, in a few queries for a page of an export. */
  listForIncidents(ids: readonly IncidentId[]): Promise<Map<IncidentId, Victim[]>>
  get(id: VictimId): Promise<Victim | null>
  /**
   * An editor adds a victim to an active incident, accepted, optionally citing a claim of the incident that names
   * them. Throws not_found (incident or claim), or conflict for a merged incident or a claim of another incident.
   */
  add(incidentId: IncidentId, fields: VictimFields, ctx: ChangeContext, cite?: ClaimId | null): Promise<Victim>
  /** Changes fields an editor corrects (a new name gets a new key); throws not_found. A no-op writes no revision. */
  edit(id: VictimId, patch: VictimPatch, ctx: ChangeContext): Promise<Victim>
  /** Accepts or rejects a victim (or lists it for review again); throws not_found. */
  review(id: VictimId, review: VictimReview, ctx: ChangeContext): Promise<Victim>
  /** Removes a victim from its incident's list (kept, marked removed); throws not_found. */
  remove(id: VictimId, ctx: ChangeContext): Promise<Victim>
  /**
   * Victims of active incidents, not rejected or removed, whose name has a word beginning with each word of `words`,
   * compared as name keys (so "Muhammad" finds "Mohammed"); in the order recorded.
   */
  search(words: string, page?: PageRequest): Promise<Page<Victim>>
}
