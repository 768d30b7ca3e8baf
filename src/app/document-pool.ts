/**
 * @module A small pool of worker threads that read documents and extract claims, so that no document, however
 * large or hostile, holds the main thread: each job runs under the pool's memory limit and deadline, and a worker
 * that passes either is terminated (and replaced on the next job) with a clear per-document error.
 */
import { Worker } from 'node:worker_threads'
import type { ClaimDraft } from '../domain/claim.js'
import type { LocalDate } from '../domain/dates.js'
import { DomainError } from '../domain/errors.js'
import type { Finding } from '../domain/finding.js'
import type { ReadOptions, ReadResult } from '../readers/read-document.js'
import { runDocumentJob, type DocumentAnswer, type DocumentJob } from './document-worker.js'
import type { Extracted } from './extracted.js'
import { fromThreadError, workerScript } from './worker-script.js'

/** How the pool runs its workers. */
export interface DocumentPoolOptions {
  /** Worker threads at most (default 2: the work is CPU-bound, and the main thread must keep a core). */
  readonly size?: number
  /** A job not finished this long after it was asked for is refused with `timeout` and its worker terminated. */
  readonly timeoutMs: number
  /** Heap limit of each worker, in MiB: a job needing more is refused with `too_large`. */
  readonly memoryMb: number
  /** Texts and non-PDF documents smaller than this run on the calling thread (a worker round trip costs more). Default 64 KiB. */
  readonly inlineBelowBytes?: number
}

/** Input size (bytes, or characters of text) after which a worker is ended rather than kept for the next job. */
const RETIRE_AFTER = 4 * 1024 * 1024

const sizeOf = (job: DocumentJob): number => (job.kind === 'read' ? job.bytes.byteLength : job.text.length)

interface Pending {
  readonly id: number
  readonly job: DocumentJob
  /** Memory handed to the worker with the job instead of copied (the caller gave it up). */
  readonly transfer: readonly ArrayBuffer[]
  /** The job's input size, taken before handed-over bytes leave this thread. */
  readonly size: number
  readonly name: string
  readonly resolve: (v: unknown) => void
  readonly reject: (e: unknown) => void
  timer: NodeJS.Timeout | undefined
  slot: Slot | null
}

interface Slot {
  worker: Worker
  job: Pending | null
}

/** Runs reading and extraction jobs on worker threads, each under a deadline and a memory limit. */
export class DocumentPool {
  private readonly slots: Slot[] = []
  private readonly queue: Pending[] = []
  private readonly size: number
  private readonly inlineBelow: number
  private nextId = 1
  private closed = false

  constructor(private readonly opts: DocumentPoolOptions) {
    this.size = Math.max(1, opts.size ?? 2)
    this.inlineBelow = opts.inlineBelowBytes ?? 64 * 1024
  }

  /**
   * Reads a document (readDocument) off the main thread; PDFs always, others when not small. With `handOver`, the
   * bytes are moved to the worker, not copied (a file of 50 MB is then held once): the caller must not use them after.
   */
  async read(bytes: Uint8Array, opts: ReadOptions, handOver = false): Promise<ReadResult> {
    const job: DocumentJob = { kind: 'read', bytes, opts }
    const pdf = opts.mediaType === 'application/pdf' || (opts.mediaType == null && /\.pdf$/i.test(opts.filename ?? ''))
    if (!pdf && bytes.byteLength < this.inlineBelow) return (await runDocumentJob(job)) as ReadResult
    // Only a view of a whole buffer of its own can be moved: a small Buffer shares a pool with others.
    const own = handOver && bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    return (await this.run(job, opts.filename ?? 'the document', own ? [bytes.buffer] : [])) as ReadResult
  }

  /**
   * The claim drafts and named victims of a text (extract), off the main thread when the text is not small;
   * `publisher` claims what the text says in its own voice.
   */
  async extract(text: string, published: LocalDate | null, name = 'the text', publisher: string | null = null): Promise<Extracted> {
    const job: DocumentJob = { kind: 'extract', text, published, publisher }
    if (text.length < this.inlineBelow) return (await runDocumentJob(job)) as Extracted
    return (await this.run(job, name)) as Extracted
  }

  /** Drafts and findings of one text (extractAndCheck), off the main thread when the text is not small. */
  async check(text: string, published: LocalDate | null): Promise<{ claims: ClaimDraft[]; findings: Finding[] }> {
    const job: DocumentJob = { kind: 'check', text, published }
    type Checked = { claims: ClaimDraft[]; findings: Finding[] }
    if (text.length < this.inlineBelow) return (await runDocumentJob(job)) as Checked
    return (await this.run(job, 'the text')) as Checked
  }

  /** Worker threads alive now. */
  get threads(): number {
    return this.slots.length
  }

  /** Refuses queued and running jobs and terminates every worker; later jobs are refused too. */
  async close(): Promise<void> {
    this.closed = true
    const stopping = new DomainError('timeout', 'the server is stopping')
    for (const p of this.queue.splice(0)) this.settle(p, stopping)
    await Promise.all(
      this.slots.splice(0).map(async (s) => {
        const p = s.job
        s.job = null
        if (p !== null) this.settle(p, stopping)
        await s.worker.terminate()
      }),
    )
  }

  private run(job: DocumentJob, name: string, transfer: readonly ArrayBuffer[] = []): Promise<unknown> {
    if (this.closed) return Promise.reject(new DomainError('timeout', 'the server is stopping'))
    return new Promise((resolve, reject) => {
      const p: Pending = { id: this.nextId++, job, transfer, size: sizeOf(job), name, resolve, reject, timer: undefined, slot: null }
      // The deadline runs from the request, queueing included: a caller waiting on it has the same budget either way.
      p.timer = setTimeout(() => this.expire(p), this.opts.timeoutMs)
      this.queue.push(p)
      this.pump()
    })
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null)
      if (slot === undefined) {
        if (this.slots.length >= this.size) return
        slot = this.spawn()
      }
      const p = this.queue.shift()!
      slot.job = p
      p.slot = slot
      slot.worker.postMessage({ id: p.id, job: p.job }, [...p.transfer])
    }
  }

  private spawn(): Slot {
    const worker = new Worker(workerScript('document-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb } })
    worker.unref()
    const slot: Slot = { worker, job: null }
    worker.on('message', (a: DocumentAnswer) => {
      const p = slot.job
      if (p === null || p.id !== a.id) return
      slot.job = null
      if (p.size >= RETIRE_AFTER) {
        // A large document leaves the thread's heap hundreds of megabytes of garbage that an idle thread never
        // collects, while this thread goes on to store what it found: ending the thread returns that memory now.
        this.drop(slot)
        void slot.worker.terminate()
      }
      if (a.ok) this.settle(p, null, a.value)
      else this.settle(p, fromThreadError(a))
      this.pump()
    })
    worker.on('error', (e: Error & { code?: string }) => {
      const p = slot.job
      slot.job = null
      this.drop(slot)
      if (p !== null) {
        this.settle(
          p,
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new DomainError('too_large', `${p.name}: reading it needs more than ${this.opts.memoryMb} MiB of memory`, { cause: e })
            : new DomainError('internal_error', `${p.name}: the document worker failed`, { cause: e }),
        )
      }
      this.pump()
    })
    worker.on('exit', () => {
      const p = slot.job
      slot.job = null
      this.drop(slot)
      if (p !== null) this.settle(p, new DomainError('internal_error', `${p.name}: the document worker stopped`))
      if (!this.closed) this.pump()
    })
    this.slots.push(slot)
    return slot
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot)
    if (i >= 0) this.slots.splice(i, 1)
  }

  private expire(p: Pending): void {
    const q = this.queue.indexOf(p)
    if (q >= 0) this.queue.splice(q, 1)
    const slot = p.slot
    this.settle(p, new DomainError('timeout', `${p.name}: reading and extraction took longer than ${this.opts.timeoutMs} ms`))
    if (slot !== null && slot.job === p) {
      // The only way to stop pure code mid-run: end its thread. A new worker takes the next job.
      slot.job = null
      this.drop(slot)
      void slot.worker.terminate()
      this.pump()
    }
  }

  private settle(p: Pending, error: unknown, value?: unknown): void {
    clearTimeout(p.timer)
    p.timer = undefined
    if (error === null) p.resolve(value)
    else p.reject(error)
  }
}
