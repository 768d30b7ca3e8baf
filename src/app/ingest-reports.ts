/**
 * @module The ingest use case as `reckon ingest` runs it and as a queued ingest job runs it: the same files, metadata
 * and processing either way, so queued work gives exactly what inline work gives.
 */
import type { LocalDate } from '../domain/dates.js'
import type { ChangeContext } from '../domain/revision.js'
import type { SourceKind } from '../domain/values.js'
import type { Store } from '../storage/store.js'
import type { DocumentPool } from './document-pool.js'
import { ingestPaths, type IngestResult } from './ingest.js'
import { processSourceHook, type Extractor } from './process-source.js'

/** How to ingest reports. */
export interface IngestReportsOptions {
  readonly ctx: ChangeContext
  readonly maxBytes: number
  readonly kind: SourceKind
  readonly publisher: string | null
  /** Publication date of every file, to resolve "Thursday" and "last month". */
  readonly published: LocalDate | null
  /** False stores the sources only (`--no-extract`): no claims, incidents or figures. */
  readonly extract: boolean
  /** Claims of a source's text; the rules extraction by default. */
  readonly extractor?: Extractor
  /**
   * Worker threads that read each file and extract its claims, each under a deadline and a memory limit, so a
   * hostile file is refused alone and the rest go on. Without one, both run on this thread.
   */
  readonly pool?: DocumentPool
  readonly onProgress?: (done: number, total: number, path: string) => void
}

/**
 * Ingests files and folders; each new source is extracted, its claims linked to incidents and their figures
 * reconciled in the transaction that stores it, so a crash leaves a whole source or none.
 */
export function ingestReports(store: Store, paths: readonly string[], o: IngestReportsOptions): Promise<IngestResult> {
  const pool = o.pool
  const extractor: Extractor | undefined = o.extractor ?? (pool === undefined ? undefined : (source) => pool.extract(source.text, source.published, source.filename ?? source.id))
  return ingestPaths(store, paths, {
    ctx: o.ctx,
    maxBytes: o.maxBytes,
    meta: { kind: o.kind, publisher: o.publisher, published: o.published },
    // Ingest is done with a file's bytes once it has hashed them: the worker takes them instead of a copy.
    ...(pool === undefined ? {} : { read: (bytes, opts) => pool.read(bytes, opts, true) }),
    ...(o.extract ? { afterSource: processSourceHook(o.ctx, extractor) } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  })
}
