/**
 * @module Check the store: stream every counting claim through the consistency checker and replace the stored
 * findings with what it finds. Claims are read in batches; the checker keeps compact rows, not the claims. Datasets
 * are compared too: their figures for the same strikes (findings) and their sums per country and year.
 */
import type { LocalDate } from '../domain/dates.js'
import type { Finding } from '../domain/finding.js'
import { ClaimChecker, DatasetComparer, mergeEquivalentFindings, withoutRestatedDisputes, type DatasetPeriodRow } from '../reconciliation/index.js'

export type { DatasetPeriodRow }
import type { Store } from '../storage/store.js'

/** What a check run did. */
export interface CheckResult {
  readonly findings: readonly Finding[]
  readonly claims: number
  /** Datasets' summed figures side by side, per country and year, where two or more record strikes. */
  readonly datasets: readonly DatasetPeriodRow[]
  /** False for a dry run, or when a run begun later (in any process) stored its findings first. */
  readonly stored: boolean
}

/** Publication dates of every source, so open-ended aggregate claims end where their source was published. */
async function publicationDates(store: Store): Promise<Map<string, LocalDate | null>> {
  const out = new Map<string, LocalDate | null>()
  for (let offset = 0; ; offset += 1000) {
    const page = await store.sources.list({ limit: 1000, offset })
    for (const s of page.items) out.set(s.id, s.published)
    if (page.items.length === 0 || offset + page.items.length >= page.total) break
  }
  return out
}

/**
 * Checks every counting claim in the store and, unless `dryRun`, stores the findings (replacing the last run's),
 * unless a run begun later in another process stored first: its findings are at least as new.
 */
export async function checkStore(store: Store, opts: { readonly dryRun?: boolean } = {}): Promise<CheckResult> {
  // Before reading anything: a run that begins later sees at least these claims, so its findings may replace ours.
  const generation = opts.dryRun === true ? 0 : await store.findings.beginCheck()
  const published = await publicationDates(store)
  const checker = new ClaimChecker({ publishedOf: (id) => published.get(id) ?? null })
  const datasets = new DatasetComparer()
  let claims = 0
  for await (const batch of store.claims.batches({ countingOnly: true })) {
    for (const c of batch) {
      checker.add(c)
      datasets.add(c)
    }
    claims += batch.length
  }
  // The same article stored twice (text and PDF) finds the same disagreement twice: show it once.
  // Two datasets' figures for one strike are the comparer's contradiction, not a second finding as a figure dispute.
  const findings = withoutRestatedDisputes(mergeEquivalentFindings([...checker.findings(), ...datasets.findings()]))
  const stored = opts.dryRun !== true && (await store.findings.replaceAll(findings, generation))
  return { findings, claims, datasets: datasets.periods(), stored }
}
