/**
 * @module Checks a dataset file before an import reads it: that it is a readable file (not a folder), and that its
 * first bytes look like the format named, so a CSV given as `--format dronestream` is refused once, saying what it
 * looks like, instead of failing on every line.
 */
import { open, stat } from 'node:fs/promises'
import { DomainError } from '../domain/errors.js'
import type { DatasetFormat } from './dataset.js'

/** What the start of a file looks like. */
export type FileShape = 'empty' | 'binary' | 'json' | 'csv' | 'text'

/** Headers that name a CSV's dataset, for the hint in a refusal. */
const CSV_MARKERS: readonly (readonly [DatasetFormat, RegExp])[] = [
  ['acled', /\bevent_id_cnty\b/],
  ['ucdp-ged', /\bwhere_prec\b|\bdeaths_civilians\b/],
]

/** The shape of a file from its first bytes, with its first line (shortened) for messages. */
export function sniffShape(head: Uint8Array): { shape: FileShape; firstLine: string } {
  const bytes = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head
  const text = Buffer.from(bytes).toString('utf8')
  const firstLine = (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim().slice(0, 80)
  if (text.trim() === '') return { shape: 'empty', firstLine }
  if (bytes.includes(0)) return { shape: 'binary', firstLine: '' }
  const start = text.trimStart()[0]
  if (start === '[' || start === '{') return { shape: 'json', firstLine }
  return { shape: firstLine.includes(',') ? 'csv' : 'text', firstLine }
}

/** The dataset a CSV header suggests, when it names one. */
function csvFormatHint(firstLine: string): DatasetFormat | null {
  for (const [format, marker] of CSV_MARKERS) if (marker.test(firstLine)) return format
  return null
}

function describe(shape: FileShape, firstLine: string): string {
  if (shape === 'empty') return 'it is empty'
  if (shape === 'binary') return 'it looks like binary data, not text'
  const kind = shape === 'json' ? 'JSON' : shape === 'csv' ? 'CSV' : 'plain text'
  return `it looks like ${kind} (first line: "${firstLine}${firstLine.length === 80 ? '…' : ''}")`
}

/**
 * Throws a DomainError naming the cause and the fix when `path` is missing, a folder, unreadable, or does not look
 * like `format` (CSV for acled and ucdp-ged, JSON or JSON Lines for dronestream). Returns the file's size.
 */
export async function checkDatasetFile(path: string, format: DatasetFormat): Promise<number> {
  let size: number
  try {
    const s = await stat(path)
    if (s.isDirectory()) {
      throw new DomainError('invalid_input', `${path} is a folder: import reads one dataset file (reports in a folder go through reckon ingest)`)
    }
    size = s.size
  } catch (e) {
    if (e instanceof DomainError) throw e
    throw unreadable(path, e)
  }
  let head: Uint8Array
  try {
    const fh = await open(path, 'r')
    try {
      const buf = Buffer.alloc(4096)
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
      head = buf.subarray(0, bytesRead)
    } finally {
      await fh.close()
    }
  } catch (e) {
    throw unreadable(path, e)
  }
  const { shape, firstLine } = sniffShape(head)
  const wanted = format === 'dronestream' ? 'json' : 'csv'
  if (shape === wanted) return size
  const hint = shape === 'csv' ? csvFormatHint(firstLine) : shape === 'json' ? 'dronestream' : null
  const fix = hint !== null && hint !== format ? `; if it is ${hint} data, use --format ${hint}` : ''
  const expected = format === 'dronestream' ? 'JSON or JSON Lines' : 'CSV with a header row'
  throw new DomainError('unsupported_format', `${path} is not ${format} data (${expected}): ${describe(shape, firstLine)}${fix}`)
}

function unreadable(path: string, e: unknown): DomainError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return new DomainError('not_found', `${path}: no such file (check the path)`, { cause: e })
  if (code === 'EACCES' || code === 'EPERM') return new DomainError('not_found', `${path}: permission denied (make it readable, or run as a user who can read it)`, { cause: e })
  return new DomainError('not_found', `cannot read ${path}: ${code ?? String(e)}`, { cause: e })
}
