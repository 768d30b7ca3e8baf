/** @module `reckon check`: check every claim in the store for contradictions and tensions, and store the findings. */
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import { checkStore, type DatasetPeriodRow } from '../../app/check-store.js'
import type { Claim } from '../../domain/claim.js'
import type { Finding } from '../../domain/finding.js'
import { InvalidValue } from '../../domain/errors.js'
import type { FindingId } from '../../domain/ids.js'
import { FINDING_KINDS, FINDING_STATUSES, isOneOf } from '../../domain/values.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
import { openCliStore } from './db.js'

/** A finding with the claims behind it, as printed and as `--json` gives it. */
export interface ExplainedFinding extends Finding {
  readonly evidence: readonly { readonly id: string; readonly claimant: string | null; readonly quote: string; readonly sourceId: string }[]
}

/** Attaches each finding's claims (claimant, quote, source) using `lookup`. */
export async function explainFindings(findings: readonly Finding[], lookup: (id: string) => Promise<Claim | null> | Claim | null): Promise<ExplainedFinding[]> {
  const out: ExplainedFinding[] = []
  for (const f of findings) {
    const evidence = []
    for (const id of f.claims) {
      const c = await lookup(id)
      if (c) evidence.push({ id: c.id, claimant: c.claimant, quote: c.quote, sourceId: c.sourceId })
    }
    out.push({ ...f, evidence })
  }
  return out
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim()

/** Prints findings for people: kind, summary, arithmetic, then every claim with its claimant and quote. */
export function printFindings(out: Writable, findings: readonly ExplainedFinding[]): void {
  if (findings.length === 0) {
    println(out, 'No contradictions, tensions or disputes found.')
    return
  }
  const n = (kind: string) => findings.filter((f) => f.kind === kind).length
  // The long-standing kinds always, so a reader sees "0 contradiction(s)"; disputes at one strike when there are any.
  const disputes = (['figure_dispute', 'characterisation_dispute', 'revision', 'place_conflict', 'date_conflict'] as const)
    .filter((k) => n(k) > 0)
    .map((k) => `, ${n(k)} ${k.replace('_', ' ')}(s)`)
    .join('')
  println(out, `${n('contradiction')} contradiction(s), ${n('tension')} tension(s)${disputes}`)
  for (const f of findings) {
    println(out)
    const review = f.status === undefined || (f.status === 'open' && !f.reason) ? '' : `  [${f.status}${f.reason ? `: ${oneLine(f.reason)}` : ''}]`
    println(out, `${f.kind.toUpperCase()} (${f.measure}, ${f.category}) ${f.id}${review}`)
    println(out, `  ${f.summary}`)
    println(out, `  arithmetic: ${f.arithmetic}`)
    for (const e of f.evidence) println(out, `  - ${e.claimant ?? '(the document)'}: “${oneLine(e.quote)}” [${e.id}, ${e.sourceId}]`)
  }
}

/** Prints datasets' sums side by side, one line per (country, year, measure, category). */
export function printDatasets(out: Writable, rows: readonly DatasetPeriodRow[]): void {
  if (rows.length === 0) {
    println(out, 'No period is recorded by two or more datasets.')
    return
  }
  println(out, 'Datasets compared (summed figures per country and year; "shared" = incidents recorded by more than one)')
  for (const r of rows) {
    const sums = r.datasets.map((d) => `${d.claimant ?? d.dataset} ${d.low}${d.high === d.low ? '' : `–${d.high ?? '…'}`} in ${d.incidents}`).join('; ')
    println(out, `  ${r.country ?? '??'} ${r.year ?? '????'} ${r.measure} ${r.category}: ${sums}; shared ${r.shared}${r.agree ? '' : '  ← ranges do not overlap'}`)
  }
}

/** Registers `reckon check`. */
export function checkCommand(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .description('check every claim for contradictions and tensions, print them with their claims and quotes, and store them')
    .option('--json', 'print the findings as JSON')
    .option('--datasets', 'print only the datasets compared: summed figures per country and year where two or more datasets record strikes')
    .action(async (o: { json?: boolean; datasets?: boolean }) => {
      const store = await openCliStore(ctx)
      const { findings, datasets } = await checkStore(store)
      if (o.datasets === true) {
        if (o.json === true) println(ctx.io.stdout, JSON.stringify(datasets, null, 2))
        else printDatasets(ctx.io.stdout, datasets)
        return
      }
      const explained = await explainFindings(findings, (id) => store.claims.get(id as Claim['id']))
      if (o.json === true) {
        println(ctx.io.stdout, JSON.stringify(explained, null, 2))
        return
      }
      printFindings(ctx.io.stdout, explained)
      if (datasets.length > 0) {
        println(ctx.io.stdout)
        printDatasets(ctx.io.stdout, datasets)
      }
    })

  program
    .command('findings')
    .description('list the stored findings (as the last `reckon check` left them) with their claims, by kind and review status')
    .option('--kind <kind>', `only this kind: ${FINDING_KINDS.join(', ')}`)
    .option('--status <status>', `only this review status: ${FINDING_STATUSES.join(', ')} (open: never reviewed, or reopened)`)
    .option('--json', 'print the findings as JSON')
    .action(async (o: { kind?: string; status?: string; json?: boolean }) => {
      if (o.kind !== undefined && !isOneOf(FINDING_KINDS, o.kind)) throw new InvalidValue('--kind', `must be one of ${FINDING_KINDS.join(', ')}`)
      if (o.status !== undefined && !isOneOf(FINDING_STATUSES, o.status)) throw new InvalidValue('--status', `must be one of ${FINDING_STATUSES.join(', ')}`)
      const store = await openCliStore(ctx)
      const found: Finding[] = []
      for (let offset = 0; ; ) {
        const page = await store.findings.list({ ...(o.kind ? { kind: o.kind } : {}), ...(o.status ? { status: o.status } : {}) }, { limit: 500, offset })
        found.push(...page.items)
        offset += page.items.length
        if (page.items.length === 0 || offset >= page.total) break
      }
      const explained = await explainFindings(found, (id) => store.claims.get(id as Claim['id']))
      if (o.json === true) println(ctx.io.stdout, JSON.stringify(explained, null, 2))
      else printFindings(ctx.io.stdout, explained)
    })

  for (const [verb, status] of [['confirm', 'confirmed'], ['dismiss', 'dismissed'], ['reopen', 'open']] as const) {
    program
      .command(`${verb}-finding`)
      .description(`${verb} a stored finding, with a reason, recorded as a revision (kept across later checks)`)
      .argument('<id>', 'the finding (fnd_…, as `reckon check` or `reckon findings` print it)')
      .requiredOption('--reason <text>', 'why: recorded with the revision')
      .action(async (id: string, o: { reason: string }) => {
        if (o.reason.trim() === '') throw new InvalidValue('--reason', 'must not be empty')
        const store = await openCliStore(ctx)
        const f = await store.findings.review(id as FindingId, status, { actor: 'cli', why: o.reason })
        println(ctx.io.stdout, `${f.id} ${f.status}: ${f.summary}`)
      })
  }
}
