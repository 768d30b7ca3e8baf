/**
 * @module Imports a dataset file into the store in batches: each batch is one transaction (Store.bulk.importRecords),
 * rows already stored (same canonical row hash) are skipped, so re-running after a crash resumes where it stopped
 * and re-importing a file adds nothing. A re-issued row (same id in its dataset, new contents) supersedes its earlier
 * version, and the incidents it touches are reconciled in the same transaction. Bad rows are reported by line and skipped.
 */
import { reconcileIncidents } from './process-source.js'
import type { IncidentId } from '../domain/ids.js'
import type { Figure } from '../domain/incident.js'
import { sourceIdFor } from '../domain/source.js'
import type { ChangeContext } from '../domain/revision.js'
import { claimIdFor, type ImportRecord, type Store } from '../storage/store.js'
import { readAcled } from '../importers/acled.js'
import type { DatasetFormat, DatasetItem, ImportProblem } from '../importers/dataset.js'
import { readDronestream } from '../importers/dronestream.js'
import { readUcdpGed } from '../importers/ucdp-ged.js'

/**
 * Rows per transaction unless asked otherwise. Each commit of a bulk import writes every index page it touched, so
 * larger batches write fewer pages per row (5,000 imported a fifth faster than 1,000 in bench/import.mjs) while
 * keeping a batch's memory to a few megabytes and a crash's loss to one batch.
 */
export const DEFAULT_IMPORT_BATCH = 5000

/** Progress after each batch. */
export interface ImportProgress {
  readonly rows: number
  readonly imported: number
  readonly skipped: number
  readonly problems: number
}

/** Options for importDataset. */
export interface ImportOptions {
  readonly ctx: ChangeContext
  /** Records per transaction; default DEFAULT_IMPORT_BATCH. */
  readonly batchSize?: number
  readonly filename?: string | null
  /** Added to every problem's line: a part of a file, parsed alone, names lines of the whole file. */
  readonly lineOffset?: number
  readonly onProgress?: (p: ImportProgress) => void
  /**
   * Called once every row is stored and reported, before what deferIndexes set aside is rebuilt: the last part of a
   * large load (about a quarter of a million-row import into SQLite), which a progress display should name.
   */
  readonly onRebuild?: () => void
  /**
   * Set aside the list and totals indexes (and on SQLite the index of claims by source and full-text indexing) while
   * importing, and rebuild them once at the end (BulkRepo.deferIndexes): much faster for a large file, but lists,
   * totals and a source's claims are slow meanwhile, search finds the new rows only at the end, and matching cannot
   * run per batch.
   */
  readonly deferIndexes?: boolean
  /**
   * Runs inside each batch's transaction with the incidents its newly stored rows joined (rows already stored give
   * none), e.g. to match them: a batch is then stored and matched, or neither, so a re-run after a kill matches only
   * the rows it stores, never again those a killed run committed.
   */
  readonly withStored?: (tx: Store, incidents: readonly IncidentId[]) => Promise<void>
}

/** What an import did: counts, and the rows it could not take, by line. */
export interface ImportResult {
  readonly rows: number
  readonly sources: number
  readonly claims: number
  readonly incidents: number
  readonly skipped: number
  /** Rows that superseded an earlier version of themselves. */
  readonly superseded: number
  readonly problems: readonly ImportProblem[]
}

/** The streaming reader for a format. */
export function datasetReader(format: DatasetFormat): (chunks: AsyncIterable<string | Uint8Array>, filename: string | null) => AsyncGenerator<DatasetItem> {
  return format === 'acled' ? readAcled : format === 'ucdp-ged' ? readUcdpGed : readDronestream
}

/** The incident's figures from one row's claims: each (measure, category) bounded by its one claim. */
export function rowFigures(rec: ImportRecord): Figure[] {
  const sourceId = sourceIdFor(rec.source.sha256)
  return rec.claims.map((c) => {
    const id = claimIdFor(sourceId, c)
    return { measure: c.measure, category: c.category, min: c.min, max: c.max, lowClaims: [id], highClaims: [id], claims: [id], sources: 1 }
  })
}

/** Reads `chunks` as `format` and stores every good row; throws only for a wrong header or a store failure. */
export async function importDataset(store: Store, format: DatasetFormat, chunks: AsyncIterable<string | Uint8Array>, opts: ImportOptions): Promise<ImportResult> {
  const size = Math.max(1, opts.batchSize ?? DEFAULT_IMPORT_BATCH)
  const problems: ImportProblem[] = []
  let batch: ImportRecord[] = []
  let rows = 0
  let sources = 0
  let claims = 0
  let incidents = 0
  let skipped = 0
  let superseded = 0
  let reported = -1
  const report = (): void => {
    reported = rows
    opts.onProgress?.({ rows, imported: sources, skipped, problems: problems.length })
  }
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return
    const records = batch
    const s = await store.transaction(async (tx) => {
      const s = await tx.bulk.importRecords(records, opts.ctx)
      // Figures of incidents a re-issued row changed come from all their claims, as after any relinking.
      if (s.revised.length > 0) await reconcileIncidents(tx, s.revised)
      if (opts.withStored && s.linked.length > 0) await opts.withStored(tx, s.linked)
      return s
    })
    sources += s.sources; claims += s.claims; incidents += s.incidents; skipped += s.skipped; superseded += s.superseded
    batch = []
    report()
  }
  if (opts.deferIndexes === true) await store.bulk.deferIndexes()
  try {
    for await (const item of datasetReader(format)(chunks, opts.filename ?? null)) {
      rows++
      if ('problem' in item) {
        problems.push(opts.lineOffset ? { ...item.problem, line: item.problem.line + opts.lineOffset } : item.problem)
        continue
      }
      const rec = item.record
      batch.push(rec.incident && rec.figures === undefined ? { ...rec, figures: rowFigures(rec) } : rec)
      if (batch.length >= size) await flush()
    }
    await flush()
    // Bad rows after the last batch still count: the last report covers the whole file.
    if (reported !== rows) report()
    if (opts.deferIndexes === true) opts.onRebuild?.()
  } finally {
    // Also after a failure: the rows committed so far are stored, and their indexes must be whole again.
    if (opts.deferIndexes === true) await store.bulk.restoreIndexes()
  }
  return { rows, sources, claims, incidents, skipped, superseded, problems }
}
