/** @module Reports that name victims, stored for the victims contract: a source, one claim, and its mentions. */
import type { ClaimId } from '../../domain/ids.js'
import type { Victim } from '../../domain/victim.js'
import type { Store, VictimMentionInput } from '../store.js'
import { ctx, draft, sourceInput } from './fixtures.js'

/** A source whose one claim names `names` as killed, stored; returns the claim's id. */
export async function report(store: Store, text: string, names: readonly string[], over: { age?: number | null; relation?: string | null } = {}): Promise<ClaimId> {
  const { source } = await store.sources.add(sourceInput(text), ctx)
  const [claim] = await store.claims.addForSource(source.id, [draft(text, 0, text.length, { min: names.length, max: names.length })], ctx)
  const mentions: VictimMentionInput[] = names.map((name) => {
    const at = text.indexOf(name)
    return { claimId: claim!.id, name, age: over.age ?? null, sex: null, relation: over.relation ?? null, fate: 'killed', span: { start: at, end: at + name.length } }
  })
  await store.victims.addMentions(source.id, mentions, ctx)
  return claim!.id
}

/** The names of victims, in order. */
export const names = (vs: readonly Victim[]): string[] => vs.map((v) => v.name)

