/**
 * @module Ingest: files and folders of reports → Sources in the store, one transaction per file, idempotent.
 *
 * A file is read, hashed, normalised and stored together with whatever `afterSource` adds (the extraction
 * pipeline plugs in there) in one transaction, so a killed process leaves either the whole source or nothing.
 */
import { createHash } from 'node:crypto'
import { open, readdir, realpath, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { DomainError, type ErrorCode } from '../domain/errors.js'
import type { SourceId } from '../domain/ids.js'
import type { ChangeContext } from '../domain/revision.js'
import type { Source, SourceMeta } from '../domain/source.js'
import { mediaTypeFor, readDocument, type ReadOptions, type ReadResult } from '../readers/read-document.js'
import type { Store } from '../storage/store.js'

/** File name endings ingest reads; everything else in a folder is passed over silently. */
export const INGEST_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf'] as const

/** How to ingest. */
export interface IngestOptions {
  /** Who is ingesting, for revisions. */
  readonly ctx: ChangeContext
  /** Larger files are refused with `too_large` before being read (RECKON_MAX_DOCUMENT_BYTES). */
  readonly maxBytes: number
  /** Metadata applied to every source (kind defaults to "other"). */
  readonly meta?: Partial<SourceMeta>
  /**
   * Runs inside the transaction that stores a new source, with the transaction's store; throwing rolls the
   * source back and reports the file as a problem. Not called for sources already stored.
   */
  readonly afterSource?: (source: Source, tx: Store) => Promise<void>
  /**
   * Reads a file's bytes as a document: readDocument on this thread by default, a DocumentPool's worker in commands.
   * It may take the bytes (move them to a thread): ingest does not use them after.
   */
  readonly read?: (bytes: Uint8Array, opts: ReadOptions) => Promise<ReadResult>
  /** Called after each file, done or failed, for progress display. */
  readonly onProgress?: (done: number, total: number, path: string) => void
}

/** One file stored (or found already stored). */
export interface IngestItem {
  readonly path: string
  readonly sourceId: SourceId
  readonly created: boolean
  readonly warnings: readonly string[]
}

/** One path that could not be ingested, with a stable code and a message naming it. */
export interface IngestProblem {
  readonly path: string
  readonly code: ErrorCode
  readonly message: string
}

/** What an ingest run did. */
export interface IngestResult {
  readonly items: readonly IngestItem[]
  readonly problems: readonly IngestProblem[]
}

const isReadable = (name: string): boolean => INGEST_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext))
/** A folder's README describes the folder (samples/README.md cites the samples); it is not a report. Named explicitly, it is read. */
const isFolderDoc = (name: string): boolean => /^readme(\.[a-z]+)?$/i.test(name)

function problemOf(path: string, e: unknown): IngestProblem {
  if (e instanceof DomainError) return { path, code: e.code, message: e.message.startsWith(path) ? e.message : `${path}: ${e.message}` }
  const code = (e as { code?: string }).code
  if (code === 'EACCES' || code === 'EPERM') return { path, code: 'unreadable_document', message: `${path}: permission denied` }
  if (code === 'EISDIR') return { path, code: 'unreadable_document', message: `${path}: is a directory` }
  return { path, code: 'internal_error', message: `${path}: ${e instanceof Error ? e.message : String(e)}` }
}

/** Expands paths into readable files (folders recursively, in name order), reporting paths that give none. */
export async function collectFiles(paths: readonly string[]): Promise<{ files: string[]; problems: IngestProblem[] }> {
  const files: string[] = []
  const problems: IngestProblem[] = []
  const seenDirs = new Set<string>()
  const seenFiles = new Set<string>()
  const walk = async (dir: string): Promise<void> => {
    const real = await realpath(dir)
    // A symlink loop would walk forever: each real folder is read once.
    if (seenDirs.has(real)) return
    seenDirs.add(real)
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const e of entries) {
      if (e.name.startsWith('.')) continue
      const full = join(dir, e.name)
      const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(full).catch(() => null))?.isDirectory() === true)
      if (isDir) await walk(full)
      else if (isReadable(e.name) && !isFolderDoc(e.name)) add(full)
    }
  }
  const add = (file: string): void => {
    const key = resolve(file)
    if (seenFiles.has(key)) return
    seenFiles.add(key)
    files.push(file)
  }
  for (const p of paths) {
    const st = await stat(p).catch((e: unknown) => e as NodeJS.ErrnoException)
    if (st instanceof Error) {
      problems.push(
        st.code === 'ENOENT'
          ? { path: p, code: 'not_found', message: `${p}: no such file or folder` }
          : problemOf(p, st),
      )
      continue
    }
    if (st.isDirectory()) {
      const before = files.length
      try {
        await walk(p)
      } catch (e) {
        problems.push(problemOf(p, e))
        continue
      }
      if (files.length === before) {
        problems.push({ path: p, code: 'invalid_input', message: `${p}: no ${INGEST_EXTENSIONS.join(', ')} files in this folder` })
      }
    } else if (mediaTypeFor(p) === null) {
      problems.push({ path: p, code: 'unsupported_format', message: `${p}: not a file Reckon reads (${INGEST_EXTENSIONS.join(', ')})` })
    } else {
      add(p)
    }
  }
  return { files, problems }
}

/** Reads a file whole, but only after checking its size, so an oversized file is never loaded. */
async function readLimited(path: string, maxBytes: number): Promise<Uint8Array> {
  const fh = await open(path, 'r')
  try {
    const { size } = await fh.stat()
    if (size > maxBytes) {
      throw new DomainError('too_large', `${path}: ${size} bytes is over the limit of ${maxBytes} bytes (RECKON_MAX_DOCUMENT_BYTES)`, {
        details: { size, maxBytes },
      })
    }
    return await fh.readFile()
  } finally {
    await fh.close()
  }
}

/** Ingests one file; throws DomainError for anything wrong with it. */
async function ingestFile(store: Store, path: string, opts: IngestOptions): Promise<IngestItem> {
  const bytes = await readLimited(path, opts.maxBytes)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const known = await store.sources.findBySha256(sha256)
  if (known !== null) return { path, sourceId: known.id, created: false, warnings: [] }
  // The bytes are not used after reading (`read` may take them), so nothing below refers to them.
  const byteLength = bytes.byteLength
  const doc = await (opts.read ?? readDocument)(bytes, { filename: path, maxBytes: opts.maxBytes })
  if (doc.text.trim() === '') throw new DomainError('unreadable_document', `${path}: no text in this document`)
  const meta = opts.meta ?? {}
  const { source, created } = await store.transaction(async (tx) => {
    const added = await tx.sources.add(
      {
        sha256,
        text: doc.text,
        mediaType: doc.mediaType,
        filename: basename(path),
        byteLength,
        kind: meta.kind ?? 'other',
        publisher: meta.publisher ?? null,
        url: meta.url ?? null,
        title: meta.title ?? doc.title,
        published: meta.published ?? null,
        language: meta.language ?? null,
      },
      opts.ctx,
    )
    if (added.created && opts.afterSource !== undefined) await opts.afterSource(added.source, tx)
    return added
  })
  return { path, sourceId: source.id, created, warnings: doc.warnings }
}

/**
 * Ingests files and folders (recursively; .txt, .md, .html, .htm, .pdf; hidden files and README files inside
 * folders are passed over). Each file is stored in its own
 * transaction; a bad file becomes a problem naming it and the rest go on. Ingesting the same bytes again adds nothing.
 */
export async function ingestPaths(store: Store, paths: readonly string[], opts: IngestOptions): Promise<IngestResult> {
  const { files, problems } = await collectFiles(paths)
  const items: IngestItem[] = []
  let done = 0
  for (const file of files) {
    try {
      items.push(await ingestFile(store, file, opts))
    } catch (e) {
      problems.push(problemOf(file, e))
    }
    opts.onProgress?.(++done, files.length, file)
  }
  return { items, problems }
}
