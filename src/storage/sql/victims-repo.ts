/**
 * @module Named victims over SQL (both dialects; migration 12): victims of incidents and the mentions (source, claim,
 * span) that name them, with mentions following their claims from incident to incident.
 */
import { DomainError, NotFound } from '../../domain/errors.js'
import type { ClaimId, IncidentId, SourceId, VictimId } from '../../domain/ids.js'
import type { ChangeContext } from '../../domain/revision.js'
import type { Sex, Victim, VictimFate, VictimFields, VictimMention, VictimReview, VictimStatus } from '../../domain/victim.js'
import { compareVictims } from '../../domain/victim-match.js'
import { victimNameKey } from '../../domain/victim-name.js'
import { pageBounds, type Page, type PageRequest, type VictimMentionInput, type VictimPatch, type VictimRepo } from '../store.js'
import type { Executor, Row, SqlValue } from './executor.js'
import { revise } from './revisions-repo.js'
import type { Dialect } from './dialect.js'
import type { Scope } from './scope.js'
import { chunks, IN_CHUNK, int, marks, newId, now, str } from './sql-util.js'

const MENTION_COLUMNS = ['source_id', 'claim_id', 'victim_id', 'name', 'name_key', 'age', 'sex', 'relation', 'fate', 'span_start', 'span_end', 'created_at']
const VICTIM_COLUMNS = ['id', 'incident_id', 'name', 'name_key', 'age', 'sex', 'relation', 'fate', 'review', 'status', 'merged_into', 'created_at', 'updated_at']

/** A fresh victim id, time first so ids made later sort later. */
const victimId = (): VictimId => newId('vic_') as VictimId

/** The fields a revision records of a victim. */
function fieldsOf(v: Pick<Victim, 'name' | 'age' | 'sex' | 'relation' | 'fate'>): VictimFields {
  return { name: v.name, age: v.age, sex: v.sex, relation: v.relation, fate: v.fate }
}

function victimFromRow(r: Row, sources: readonly VictimMention[]): Victim {
  return {
    id: String(r.id) as VictimId,
    incidentId: String(r.incident_id) as IncidentId,
    name: String(r.name),
    nameKey: String(r.name_key),
    age: int(r.age),
    sex: str(r.sex) as Sex | null,
    relation: str(r.relation),
    fate: String(r.fate) as VictimFate,
    review: String(r.review) as VictimReview,
    status: String(r.status) as VictimStatus,
    mergedInto: str(r.merged_into) as VictimId | null,
    sources,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  }
}

/** The victims repository over a scope. */
export function victimsRepo(s: Scope): VictimRepo {
  return new SqlVictimRepo(s.x, s.dialect)
}

/** The victims repository over one executor (a transaction's store gets its own). */
class SqlVictimRepo implements VictimRepo {
  constructor(
    private readonly x: Executor,
    private readonly dialect: Dialect,
  ) {}

  async addMentions(sourceId: SourceId, mentions: readonly VictimMentionInput[], ctx: ChangeContext): Promise<void> {
    if (mentions.length === 0) return
    await this.x.transaction(async (x) => {
      const at = now()
      const rows = mentions.flatMap((m) => {
        const key = victimNameKey(m.name)
        return key === '' ? [] : [[sourceId, m.claimId, null, m.name, key, m.age, m.sex, m.relation, m.fate, m.span.start, m.span.end, at] as SqlValue[]]
      })
      if (rows.length > 0) await x.insertMany('victim_mentions', MENTION_COLUMNS, rows, true)
      await settleMentions(x, mentions.map((m) => m.claimId), ctx)
    })
  }

  async listForIncident(id: IncidentId, opts: { readonly removed?: boolean } = {}): Promise<Victim[]> {
    const statuses = opts.removed === true ? `('active', 'removed')` : `('active')`
    return this.withSources(await this.x.all(`SELECT * FROM victims WHERE incident_id = ? AND status IN ${statuses} ORDER BY seq`, [id]))
  }

  async listForIncidents(ids: readonly IncidentId[]): Promise<Map<IncidentId, Victim[]>> {
    const out = new Map<IncidentId, Victim[]>(ids.map((id) => [id, []]))
    const rows: Row[] = []
    for (const part of chunks([...out.keys()], IN_CHUNK)) {
      rows.push(...(await this.x.all(`SELECT * FROM victims WHERE incident_id IN (${marks(part.length)}) AND status = 'active' AND review <> 'rejected' ORDER BY seq`, part)))
    }
    for (const v of await this.withSources(rows)) out.get(v.incidentId)?.push(v)
    return out
  }

  async get(id: VictimId): Promise<Victim | null> {
    return (await this.withSources(await this.x.all('SELECT * FROM victims WHERE id = ?', [id])))[0] ?? null
  }

  async add(incidentId: IncidentId, fields: VictimFields, ctx: ChangeContext, cite: ClaimId | null = null): Promise<Victim> {
    return this.x.transaction(async (x) => {
      const inc = await x.get('SELECT status FROM incidents WHERE id = ?', [incidentId])
      if (inc === undefined) throw new NotFound('incident', incidentId)
      if (String(inc.status) !== 'active') throw new DomainError('conflict', `incident ${incidentId} is merged; add victims to the incident it was merged into`, { details: { incidentId } })
      const key = victimNameKey(fields.name)
      if (key === '') throw new DomainError('invalid_value', 'a victim needs a name with at least one letter or digit', { details: { field: 'name' } })
      const same = await x.get(`SELECT id, name FROM victims WHERE incident_id = ? AND name_key = ? AND status = 'active' LIMIT 1`, [incidentId, key])
      if (same !== undefined) {
        throw new DomainError('conflict', `incident ${incidentId} already lists ${String(same.name)} (${String(same.id)}), the same name; edit that victim instead`, {
          details: { incidentId, victimId: String(same.id) },
        })
      }
      let claim: Row | undefined
      if (cite !== null) {
        claim = await x.get('SELECT id, source_id, incident_id, span_start, span_end FROM claims WHERE id = ?', [cite])
        if (claim === undefined) throw new NotFound('claim', cite)
        if (str(claim.incident_id) !== incidentId) throw new DomainError('conflict', `claim ${cite} is not in incident ${incidentId}`, { details: { claimId: cite, incidentId } })
      }
      const id = victimId()
      const at = now()
      await x.insertMany('victims', VICTIM_COLUMNS, [[id, incidentId, fields.name, key, fields.age, fields.sex, fields.relation, fields.fate, 'accepted', 'active', null, at, at]])
      await revise(x, 'victim', id, 'create', ctx, null, { incidentId, ...fields, review: 'accepted' })
      if (claim !== undefined) {
        const row = [String(claim.source_id), String(claim.id), id, fields.name, key, fields.age, fields.sex, fields.relation, fields.fate === 'unknown' ? 'killed' : fields.fate, Number(claim.span_start), Number(claim.span_end), at]
        await x.insertMany('victim_mentions', MENTION_COLUMNS, [row], true)
      }
      return this.within(x).require(id)
    })
  }

  async edit(id: VictimId, patch: VictimPatch, ctx: ChangeContext): Promise<Victim> {
    return this.x.transaction(async (x) => {
      const tx = this.within(x)
      const before = await tx.require(id)
      const next: VictimFields = { ...fieldsOf(before), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) }
      const key = victimNameKey(next.name)
      if (key === '') throw new DomainError('invalid_value', 'a victim needs a name with at least one letter or digit', { details: { field: 'name' } })
      const was = fieldsOf(before)
      const changed = (Object.keys(next) as (keyof VictimFields)[]).filter((k) => next[k] !== was[k])
      if (changed.length === 0) return before
      await x.run('UPDATE victims SET name = ?, name_key = ?, age = ?, sex = ?, relation = ?, fate = ?, updated_at = ? WHERE id = ?', [
        next.name,
        key,
        next.age,
        next.sex,
        next.relation,
        next.fate,
        now(),
        id,
      ])
      const pick = (f: VictimFields): Record<string, unknown> => Object.fromEntries(changed.map((k) => [k, f[k]]))
      await revise(x, 'victim', id, 'edit', ctx, pick(was), pick(next))
      return tx.require(id)
    })
  }

  review(id: VictimId, review: VictimReview, ctx: ChangeContext): Promise<Victim> {
    return this.setState(id, 'review', review, ctx)
  }

  remove(id: VictimId, ctx: ChangeContext): Promise<Victim> {
    return this.setState(id, 'status', 'removed', ctx)
  }

  async search(words: string, page?: PageRequest): Promise<Page<Victim>> {
    const { limit, offset } = pageBounds(page)
    const keys = (words.match(/[\p{L}\p{N}'’ʿ-]+/gu) ?? []).map(victimNameKey).filter((k) => k !== '')
    if (keys.length === 0) return { items: [], total: 0, limit, offset }
    // Each word of the query, as a key, must begin a word of the name's key: "Muham" finds "Mohammed Khan". A word
    // key can be two words ("Abdulrahman" is "abd rahman"), matched as that run of words. The full-text index finds
    // the names (no scan of every victim); the LIKE says exactly the same again, so both stores answer alike.
    const match = this.dialect.victimNameMatch(keys)
    const where = keys.map(() => `(' ' || v.name_key) LIKE ?`).join(' AND ')
    const params: SqlValue[] = [...match.params, ...keys.map((k) => `% ${k}%`)]
    const from = `FROM victims v JOIN incidents i ON i.id = v.incident_id
      WHERE v.status = 'active' AND v.review <> 'rejected' AND i.status = 'active' AND ${match.sql} AND ${where}`
    const rows = await this.x.all(`SELECT v.* ${from} ORDER BY v.seq LIMIT ? OFFSET ?`, [...params, limit, offset])
    const total = await this.x.get(`SELECT count(*) AS n ${from}`, params)
    return { items: await this.withSources(rows), total: Number(total?.n ?? 0), limit, offset }
  }

  private within(x: Executor): SqlVictimRepo {
    return new SqlVictimRepo(x, this.dialect)
  }

  private async require(id: VictimId): Promise<Victim> {
    const v = await this.get(id)
    if (v === null) throw new NotFound('victim', id)
    return v
  }

  private async setState(id: VictimId, column: 'review' | 'status', value: string, ctx: ChangeContext): Promise<Victim> {
    return this.x.transaction(async (x) => {
      const tx = this.within(x)
      const before = await tx.require(id)
      if (before[column] === value) return before
      await x.run(`UPDATE victims SET ${column} = ?, updated_at = ? WHERE id = ?`, [value, now(), id])
      await revise(x, 'victim', id, column === 'review' ? 'review' : 'remove', ctx, { [column]: before[column] }, { [column]: value })
      return tx.require(id)
    })
  }

  /** The victims of these rows, each with the mentions naming it (and each mention's claim quote), in mention order. */
  private async withSources(rows: readonly Row[]): Promise<Victim[]> {
    const ids = rows.map((r) => String(r.id))
    const byVictim = new Map<string, VictimMention[]>()
    for (const part of chunks(ids, IN_CHUNK)) {
      const mentions = await this.x.all(
        `SELECT m.victim_id, m.source_id, m.claim_id, m.name, m.span_start, m.span_end, c.quote
           FROM victim_mentions m LEFT JOIN claims c ON c.id = m.claim_id
          WHERE m.victim_id IN (${marks(part.length)}) ORDER BY m.seq`,
        part,
      )
      for (const m of mentions) {
        const list = byVictim.get(String(m.victim_id)) ?? []
        list.push({
          sourceId: String(m.source_id) as SourceId,
          claimId: String(m.claim_id) as ClaimId,
          name: String(m.name),
          span: { start: Number(m.span_start), end: Number(m.span_end) },
          quote: str(m.quote) ?? '',
        })
        byVictim.set(String(m.victim_id), list)
      }
    }
    return rows.map((r) => victimFromRow(r, byVictim.get(String(r.id)) ?? []))
  }
}

/**
 * Puts the mentions of these claims with the victims of the incidents the claims now sit in (call it in the
 * transaction that moved them). A mention joins the victim of that incident with its name key (filling in an age,
 * sex or relation the victim lacks), else its whole victim moves along when every mention of it moves there, else a
 * new victim (a copy of its old one, or a found one) is made. A victim whose every mention moved into another record
 * is marked merged into it. A claim no longer in any incident takes its mentions off their victims.
 */
export async function settleMentions(x: Executor, claimIds: readonly ClaimId[], ctx: ChangeContext): Promise<void> {
  const ids = [...new Set(claimIds)]
  const rows: Row[] = []
  for (const part of chunks(ids, IN_CHUNK)) {
    rows.push(
      ...(await x.all(
        `SELECT m.seq, m.source_id, m.claim_id, m.victim_id, m.name, m.name_key, m.age, m.sex, m.relation, m.fate, c.incident_id AS target, v.incident_id AS current
           FROM victim_mentions m JOIN claims c ON c.id = m.claim_id LEFT JOIN victims v ON v.id = m.victim_id
          WHERE m.claim_id IN (${marks(part.length)})`,
        part,
      )),
    )
  }
  rows.sort((a, b) => Number(a.seq) - Number(b.seq))
  const at = now()
  for (const r of rows) {
    // Read again: an earlier mention of the same victim may have moved it already.
    const m = await x.get('SELECT m.victim_id, v.incident_id AS current FROM victim_mentions m LEFT JOIN victims v ON v.id = m.victim_id WHERE m.seq = ?', [Number(r.seq)])
    const old = str(m?.victim_id)
    const target = str(r.target)
    if (target === str(m?.current)) continue
    if (target === null) {
      await x.run('UPDATE victim_mentions SET victim_id = NULL WHERE seq = ?', [Number(r.seq)])
      continue
    }
    const same =
      (await x.get(`SELECT * FROM victims WHERE incident_id = ? AND name_key = ? AND status <> 'merged' ORDER BY seq LIMIT 1`, [target, String(r.name_key)])) ??
      (await withMiddleName(x, target, r))
    // The record this victim absorbed when the incidents were merged, when the report goes back (an unmerge).
    const absorbed =
      same === undefined && old !== null
        ? await x.get(`SELECT id FROM victims WHERE incident_id = ? AND name_key = ? AND status = 'merged' AND merged_into = ? ORDER BY seq LIMIT 1`, [target, String(r.name_key), old])
        : undefined
    let into: string
    if (absorbed !== undefined) {
      into = String(absorbed.id)
      await x.run(`UPDATE victims SET status = 'active', merged_into = NULL, updated_at = ? WHERE id = ?`, [at, into])
      await revise(x, 'victim', into, 'unmerge', ctx, { status: 'merged', mergedInto: old }, { status: 'active', mergedInto: null })
    } else if (same !== undefined) {
      into = String(same.id)
      await x.run(
        `UPDATE victims SET age = coalesce(age, ?), sex = coalesce(sex, ?), relation = coalesce(relation, ?),
                fate = CASE WHEN fate = 'unknown' THEN ? ELSE fate END, updated_at = ? WHERE id = ?`,
        [int(r.age), str(r.sex), str(r.relation), String(r.fate), at, into],
      )
    } else if (old !== null && (await movesWhole(x, old, target))) {
      await x.run('UPDATE victims SET incident_id = ?, updated_at = ? WHERE id = ?', [target, at, old])
      await revise(x, 'victim', old, 'move', ctx, { incidentId: str(m?.current) }, { incidentId: target })
      continue
    } else {
      into = victimId()
      // A copy of the person as recorded so far (an editor's corrections and review kept), or as this report names them.
      const was = old === null ? undefined : await x.get('SELECT * FROM victims WHERE id = ?', [old])
      const src = was ?? { name: r.name, name_key: r.name_key, age: r.age, sex: r.sex, relation: r.relation, fate: r.fate, review: 'found' }
      await x.insertMany('victims', VICTIM_COLUMNS, [
        [into, target, String(src.name), String(src.name_key), int(src.age), str(src.sex), str(src.relation), String(src.fate), String(src.review), 'active', null, at, at],
      ])
      await revise(x, 'victim', into, 'create', ctx, null, { incidentId: target, name: String(src.name), from: old })
    }
    await x.run('UPDATE victim_mentions SET victim_id = ? WHERE seq = ?', [into, Number(r.seq)])
    await revise(x, 'victim', into, 'named', ctx, null, { claimId: String(r.claim_id), name: String(r.name) })
    if (old !== null && (await x.get('SELECT 1 AS one FROM victim_mentions WHERE victim_id = ? LIMIT 1', [old])) === undefined) {
      await x.run(`UPDATE victims SET status = 'merged', merged_into = ?, updated_at = ? WHERE id = ?`, [into, at, old])
      await revise(x, 'victim', old, 'merge', ctx, { status: 'active' }, { status: 'merged', mergedInto: into })
    }
  }
}

/**
 * The one active victim of `target` whose name is this mention's with or without a middle name and whose age and sex
 * agree (compareVictims), when exactly one fits and no mention of it comes from the mention's own report (a report
 * naming both names counts two people). Others are left for an editor (possiblySamePeople).
 */
async function withMiddleName(x: Executor, target: string, m: Row): Promise<Row | undefined> {
  const mention = { nameKey: String(m.name_key), age: int(m.age), sex: str(m.sex) as Sex | null }
  const fits: Row[] = []
  for (const v of await x.all(`SELECT * FROM victims WHERE incident_id = ? AND status = 'active' ORDER BY seq`, [target])) {
    if (compareVictims(mention, { nameKey: String(v.name_key), age: int(v.age), sex: str(v.sex) as Sex | null }) !== 'same') continue
    const sameReport = await x.get('SELECT 1 AS one FROM victim_mentions WHERE victim_id = ? AND source_id = ? LIMIT 1', [String(v.id), String(m.source_id)])
    if (sameReport === undefined) fits.push(v)
  }
  return fits.length === 1 ? fits[0] : undefined
}

/** True when every mention of the victim is of a claim now in `target` (so the record moves there whole). */
async function movesWhole(x: Executor, victim: string, target: string): Promise<boolean> {
  const r = await x.get(
    `SELECT count(*) AS n FROM victim_mentions m JOIN claims c ON c.id = m.claim_id WHERE m.victim_id = ? AND (c.incident_id IS NULL OR c.incident_id <> ?)`,
    [victim, target],
  )
  return Number(r?.n ?? 0) === 0
}

/**
 * When incident `from` is merged into `into`: its victims no report names (an editor's) go along, joining a victim
 * of `into` with the same name key (marked merged into it) or moving. Those reports name follow their claims.
 */
export async function moveUnnamedVictims(x: Executor, from: IncidentId, into: IncidentId, ctx: ChangeContext): Promise<void> {
  const rows = await x.all(
    `SELECT v.id, v.name_key FROM victims v WHERE v.incident_id = ? AND v.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM victim_mentions m WHERE m.victim_id = v.id) ORDER BY v.seq`,
    [from],
  )
  const at = now()
  for (const r of rows) {
    const same = await x.get(`SELECT id FROM victims WHERE incident_id = ? AND name_key = ? AND status <> 'merged' ORDER BY seq LIMIT 1`, [into, String(r.name_key)])
    if (same !== undefined) {
      await x.run(`UPDATE victims SET status = 'merged', merged_into = ?, updated_at = ? WHERE id = ?`, [String(same.id), at, String(r.id)])
      await revise(x, 'victim', String(r.id), 'merge', ctx, { status: 'active' }, { status: 'merged', mergedInto: String(same.id) })
    } else {
      await x.run('UPDATE victims SET incident_id = ?, updated_at = ? WHERE id = ?', [into, at, String(r.id)])
      await revise(x, 'victim', String(r.id), 'move', ctx, { incidentId: from }, { incidentId: into })
    }
  }
}
