/** @module `reckon incidents` (list with ranges, filtered) and `reckon incident ID` (figures, claims, quotes, named victims, sources, revisions). */
import type { Command } from 'commander'
import type { Claim } from '../../domain/claim.js'
import type { Finding } from '../../domain/finding.js'
import { isLocalDate, type LocalDate } from '../../domain/dates.js'
import { DomainError, NotFound } from '../../domain/errors.js'
import type { IncidentId } from '../../domain/ids.js'
import type { Figure, Incident } from '../../domain/incident.js'
import { formatRange } from '../../domain/range.js'
import type { Source } from '../../domain/source.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
import { openCliStoreToRead } from './db.js'
import { parseCountry } from '../../app/country-filter.js'
import { settingOfIncident } from '../../app/incident-setting.js'
import { possiblySamePeople } from '../../domain/victim-match.js'

interface ListFlags {
  readonly from?: string
  readonly to?: string
  readonly country?: string
  readonly actor?: string
  readonly limit?: string
  readonly offset?: string
  readonly json?: boolean
}

/** Text from a report or an editor, on one line, with control characters (a terminal's escape sequences) made spaces. */
function terminalSafe(s: string): string {
  return s.replace(/[\p{Cc}\s]+/gu, ' ').trim()
}

/** A `--name` date option, validated. */
export function date(name: string, v: string | undefined): LocalDate | undefined {
  if (v === undefined) return undefined
  if (!isLocalDate(v)) throw new DomainError('invalid_input', `--${name} must be a date YYYY-MM-DD (got ${JSON.stringify(v)})`)
  return v
}

function whole(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) throw new DomainError('invalid_input', `--${name} must be a whole number (got ${JSON.stringify(v)})`)
  return n
}

const when = (i: Pick<Incident, 'date'>): string =>
  i.date.start === null && i.date.end === null ? '(undated)' : i.date.start === i.date.end ? (i.date.start ?? '') : `${i.date.start ?? '…'}..${i.date.end ?? '…'}`
const where = (i: Pick<Incident, 'place'>): string => (i.place === null ? '' : [i.place.name, i.place.admin1, i.place.country].filter((x) => x !== null && x !== undefined).join(', '))
const figure = (f: Figure | undefined): string => (f === undefined ? '' : formatRange(f))
/** A precision with the words or dataset code it came from ("region (UCDP where_prec 5)"). */
const precision = (p: string | null | undefined, from: string | null | undefined): string => `${p ?? 'unknown'}${from ? ` (${from})` : ''}`

/** Registers `reckon incidents` and `reckon incident`. */
export function incidentsCommand(program: Command, ctx: CliContext): void {
  program
    .command('incidents')
    .description('list incidents with their reconciled ranges (killed: total and civilians), newest last')
    .option('--from <date>', 'incidents on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'incidents on or before this date (YYYY-MM-DD)')
    .option('--country <country>', 'a country: name or ISO 3166-1 alpha-2 code, e.g. Pakistan or PK')
    .option('--actor <name>', 'who struck, e.g. "United States"')
    .option('--limit <n>', 'incidents per page (default 50)')
    .option('--offset <n>', 'skip this many')
    .option('--json', 'print the page as JSON')
    .action(async (o: ListFlags) => {
      const filter = {
        ...(o.from !== undefined ? { from: date('from', o.from) } : {}),
        ...(o.to !== undefined ? { to: date('to', o.to) } : {}),
        ...(o.country !== undefined ? { country: parseCountry(o.country, '--country') } : {}),
        ...(o.actor !== undefined ? { actor: o.actor } : {}),
      }
      const store = await openCliStoreToRead(ctx)
      const page = await store.incidents.list(filter, { limit: whole('limit', o.limit) ?? 50, offset: whole('offset', o.offset) ?? 0 })
      if (o.json === true) {
        println(ctx.io.stdout, JSON.stringify(page, null, 2))
        return
      }
      if (page.items.length === 0) {
        println(ctx.io.stdout, 'no incidents')
        return
      }
      const rows = page.items.map((i) => {
        const killed = (c: string) => i.figures.find((f) => f.measure === 'killed' && f.category === c)
        return [i.id, when(i), where(i), i.actor ?? '', figure(killed('total')), figure(killed('civilians')), String(i.sourceCount)]
      })
      const header = ['id', 'date', 'place', 'actor', 'killed', 'civilians', 'documents']
      const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)))
      const fmt = (r: readonly string[]) => r.map((v, k) => v.padEnd(widths[k]!)).join('  ').trimEnd()
      println(ctx.io.stdout, fmt(header))
      for (const r of rows) println(ctx.io.stdout, fmt(r))
      if (page.total > page.items.length) println(ctx.io.stdout, `${page.offset + 1}–${page.offset + page.items.length} of ${page.total}`)
    })

  program
    .command('incident')
    .description('show one incident: its figures with the claims and quotes behind each bound, its named victims, its sources, and its revisions')
    .argument('<id>', 'incident id (inc_…)')
    .option('--json', 'print as JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const store = await openCliStoreToRead(ctx)
      const incident = await store.incidents.get(id as IncidentId)
      if (incident === null) throw new NotFound('incident', id)
      const claims = (await store.claims.list({ incidentId: incident.id }, { limit: 1000 })).items
      const sources: Pick<Source, 'id' | 'title' | 'publisher' | 'published' | 'url' | 'filename' | 'externalId'>[] = []
      for (const sid of new Set(claims.map((c) => c.sourceId))) {
        const s = await store.sources.get(sid)
        if (s) sources.push({ id: s.id, title: s.title, publisher: s.publisher, published: s.published, url: s.url, filename: s.filename, externalId: s.externalId })
      }
      const revisions = (await store.revisions.list({ entityType: 'incident', entityId: incident.id }, { limit: 100 })).items
      const victims = await store.victims.listForIncident(incident.id)
      // The findings over this incident's claims (each once), with their review state.
      const findings = new Map<string, Finding>()
      for (const c of claims) for (const f of (await store.findings.list({ claimId: c.id }, { limit: 100 })).items) findings.set(f.id, f)
      const setting = settingOfIncident(claims)
      if (o.json === true) {
        println(ctx.io.stdout, JSON.stringify({ incident, claims, victims, victimSuggestions: possiblySamePeople(victims.filter((v) => v.review !== 'rejected')), sources, revisions, findings: [...findings.values()], setting }, null, 2))
        return
      }
      const out = ctx.io.stdout
      const byId = new Map<string, Claim>(claims.map((c) => [c.id, c]))
      const title = (sid: string) => {
        const s = sources.find((x) => x.id === sid)
        return s ? (s.publisher ?? s.title ?? s.filename ?? sid) : sid
      }
      const line = (cid: string) => {
        const c = byId.get(cid)
        return c ? `${c.claimant ?? title(c.sourceId)}: ${formatRange(c)} “${c.quote.replace(/\s+/g, ' ').trim()}” (${title(c.sourceId)}, ${c.id})` : cid
      }
      const open = [...findings.values()].filter((f) => f.status !== 'confirmed' && f.status !== 'dismissed')
      println(out, `${incident.id}  ${when(incident)}  ${where(incident)}${incident.actor ? `  actor: ${incident.actor}` : ''}  status: ${incident.status}${incident.grade ? `  grade: ${incident.grade}` : ''}${open.length > 0 ? `  OPEN FINDINGS: ${open.length}` : ''}`)
      println(out, `Precision: date ${precision(incident.date.precision, incident.date.text)}; place ${precision(incident.place?.precision, incident.place?.precisionCode)}`)
      // Where and when as the claims set them, and which claim sets each: a reader checks the quote, not the linker.
      // An editor's place or date is the incident's until the editor clears it: the claims' is shown beside it.
      const byEditor = (field: 'place' | 'date') => (incident.setByEditor[field] ? ` (the incident's ${field} above is an editor's and stays)` : '')
      if (setting.place !== null) println(out, `Place from its claims: ${where(setting)} (${setting.place.precision}), set by ${setting.placeClaim !== null ? line(setting.placeClaim) : 'no one claim: the places below conflict'}${byEditor('place')}`)
      if (setting.dateClaim !== null) println(out, `Date from its claims: ${when(setting)}, set by ${line(setting.dateClaim)}${byEditor('date')}`)
      for (const [what, pair] of [['places', setting.placeConflict], ['dates', setting.dateConflict]] as const) {
        if (pair !== null) println(out, `CONFLICTING ${what.toUpperCase()}: ${pair.map(line).join(' / ')}`)
      }
      println(out)
      println(out, 'Figures')
      if (incident.figures.length === 0) println(out, '  (none)')
      for (const f of incident.figures) {
        println(out, `  ${f.measure} ${f.category}: ${formatRange(f)}  (${f.sources} independent source${f.sources === 1 ? '' : 's'}, ${f.claims.length} claim${f.claims.length === 1 ? '' : 's'})`)
        for (const cid of f.lowClaims) println(out, `    low  ← ${line(cid)}`)
        for (const cid of f.highClaims) println(out, `    high ← ${line(cid)}`)
      }
      println(out)
      println(out, 'Claims')
      for (const c of claims) {
        const link = incident.links.find((l) => l.claimId === c.id)
        println(out, `  ${line(c.id)}${c.status === 'rejected' ? '  [rejected]' : ''}`)
        if (link) println(out, `      linked by ${link.by}: ${link.reason}`)
      }
      println(out)
      println(out, 'Victims')
      if (victims.length === 0) println(out, '  (none named)')
      for (const v of victims) {
        const about = [v.age === null ? null : `${v.age}`, v.sex, v.relation === null ? null : terminalSafe(v.relation)].filter((x) => x !== null)
        const review = v.review === 'found' ? 'found, to review' : v.review
        println(out, `  ${terminalSafe(v.name)}${about.length > 0 ? `, ${about.join(', ')}` : ''}: ${v.fate}  [${review}]  ${v.id}`)
        for (const s of v.sources) println(out, `      named as ${terminalSafe(s.name)} by ${title(s.sourceId)}: “${terminalSafe(s.quote)}” (${s.claimId})`)
      }
      for (const s of possiblySamePeople(victims.filter((v) => v.review !== 'rejected'))) println(out, `  POSSIBLY THE SAME PERSON: ${terminalSafe(s.reason)} (${s.victims.join(', ')})`)
      println(out)
      println(out, 'Findings')
      if (findings.size === 0) println(out, '  (none)')
      for (const f of findings.values()) {
        println(out, `  ${f.kind} (${f.measure}, ${f.category}) ${f.id} [${f.status ?? 'open'}${f.reason ? `: ${f.reason}` : ''}]`)
        println(out, `    ${f.summary}`)
        for (const cid of f.claims) println(out, `    - ${line(cid)}`)
      }
      println(out)
      println(out, 'Sources')
      for (const s of sources) {
        println(out, `  ${s.id}  ${s.publisher ?? ''}${s.externalId ? `  row ${s.externalId}` : ''}  ${s.title ?? s.filename ?? ''}${s.published ? `  published ${s.published}` : ''}${s.url ? `  ${s.url}` : ''}`)
      }
      println(out)
      println(out, 'Revisions')
      for (const r of revisions) println(out, `  ${r.at}  ${r.action}  by ${r.actor}${r.why ? `: ${r.why}` : ''}`)
    })
}
