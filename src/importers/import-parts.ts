/**
 * @module Cuts a dataset file into parts of a bounded number of rows, so a queued import runs as many short jobs
 * instead of one long one: no part runs anywhere near the queue's expiry, so a live worker's part is never taken for
 * a crashed one and run a second time. Each part reads the header and its own byte range, and reports bad rows by
 * their line in the whole file.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { scanCsvCuts } from './csv.js'
import type { DatasetFormat } from './dataset.js'

/** One part of a dataset file: the header bytes [0, headerEnd) then the rows in bytes [start, end). */
export interface ImportPart {
  /** 0-based position among the file's parts. */
  readonly index: number
  readonly start: number
  readonly end: number
  readonly headerEnd: number
  /** Added to the line a problem is found on when the part is parsed alone, giving its line in the whole file. */
  readonly lineOffset: number
}

/** How a file was cut. */
export interface ImportPlan {
  readonly parts: readonly ImportPart[]
  /** Data rows in the file (CSV), or null when only parsing can tell (JSON). */
  readonly rows: number | null
  readonly bytes: number
}

/**
 * Cuts a file into parts of at most `rowsPerPart` rows. CSV files are cut on record boundaries; a dronestream JSON
 * file is one part (a JSON array is parsed whole, and these files hold hundreds of strikes, not millions).
 */
export async function planImportParts(file: string, format: DatasetFormat, rowsPerPart: number): Promise<ImportPlan> {
  if (format === 'dronestream') {
    const { size } = await stat(file)
    return { parts: [{ index: 0, start: 0, end: size, headerEnd: 0, lineOffset: 0 }], rows: null, bytes: size }
  }
  const scan = await scanCsvCuts(createReadStream(file, { highWaterMark: 1 << 20 }), rowsPerPart)
  const starts = [{ offset: scan.headerEnd, line: scan.headerNextLine }, ...scan.cuts]
  const parts = starts.map((s, index): ImportPart => ({
    index,
    start: s.offset,
    end: starts[index + 1]?.offset ?? scan.bytes,
    headerEnd: scan.headerEnd,
    // Parsed alone, the part's first row sits on the line right after the header.
    lineOffset: s.line - scan.headerNextLine,
  }))
  return { parts, rows: scan.records, bytes: scan.bytes }
}

/** The bytes of one part as the importer reads them: the header first (when the format has one), then the part's rows. */
export async function* readImportPart(file: string, part: ImportPart): AsyncGenerator<Uint8Array> {
  if (part.headerEnd > 0) yield* createReadStream(file, { start: 0, end: part.headerEnd - 1 }) as AsyncIterable<Uint8Array>
  if (part.end > part.start) yield* createReadStream(file, { start: part.start, end: part.end - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>
}
