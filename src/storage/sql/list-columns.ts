/**
 * @module The column store under the list snapshot (list-index.ts): typed-array columns that grow as rows are read,
 * string dictionaries, totals groupings, and a filter compiled to numbers (Matcher).
 */
import { CATEGORIES } from '../../domain/values.js'
import type { TotalGroup } from '../store.js'

/** Incidents read per query while building: each chunk blocks a SQLite connection for a few milliseconds only. */
export const CHUNK = 20_000
/** No snapshot above this many incidents (about 130 bytes each): the store answers from SQL alone. */
export const LIST_INDEX_MAX_INCIDENTS = 5_000_000

/** A date column's value for no date (below every date). */
export const NO_DATE = -1
/** Below any casualty threshold: a NULL killed high, which SQL comparisons never pass. */
export const NO_KILLED = -(2 ** 31)
/** How many categories there are. */
export const NCAT = CATEGORIES.length

/** A count as a 32-bit integer, or null when it does not fit (the snapshot then leaves the store to SQL). */
export function int32(v: unknown): number | null {
  const n = Number(v)
  return Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 ? n : null
}

/** 'YYYY-MM-DD' as YYYYMMDD, which orders as the text does; NO_DATE for NULL. */
export function dateNum(v: unknown): number {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return NO_DATE
  return Number(v.slice(0, 4)) * 10_000 + Number(v.slice(5, 7)) * 100 + Number(v.slice(8, 10))
}

/** Strings as small integer codes (0 for NULL), so filters compare numbers. */
export class Dictionary {
  readonly values: (string | null)[] = [null]
  private readonly codes = new Map<string, number>()

  code(v: unknown): number {
    if (v === null || v === undefined) return 0
    const s = typeof v === 'string' ? v : JSON.stringify(v)
    let c = this.codes.get(s)
    if (c === undefined) {
      c = this.values.length
      this.values.push(s)
      this.codes.set(s, c)
    }
    return c
  }

  /** The code of `v`, or -1 when no row holds it (a filter on it matches nothing). */
  find(v: string): number {
    return this.codes.get(v) ?? -1
  }
}

/** Growable typed column. */
export class Column<A extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array> {
  length = 0
  constructor(
    public data: A,
    private readonly make: (n: number) => A,
  ) {}

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(1024, this.data.length * 2))
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = v
  }

  done(): A {
    return this.data.subarray(0, this.length) as A
  }
}

/** A growable Float64Array column. */
export const f64 = (): Column<Float64Array> => new Column(new Float64Array(1024), (n) => new Float64Array(n))
/** A growable Int32Array column. */
export const i32 = (): Column<Int32Array> => new Column(new Int32Array(1024), (n) => new Int32Array(n))
/** A growable Uint16Array column. */
export const u16 = (): Column<Uint16Array> => new Column(new Uint16Array(1024), (n) => new Uint16Array(n))
/** A growable Uint32Array column. */
export const u32 = (): Column<Uint32Array> => new Column(new Uint32Array(1024), (n) => new Uint32Array(n))
/** A growable Uint8Array column. */
export const u8 = (): Column<Uint8Array> => new Column(new Uint8Array(1024), (n) => new Uint8Array(n))

/** The groups of one totals grouping: each incident's group index, and the group labels (null for none). */
export interface Grouping {
  readonly of: Uint16Array | Uint32Array
  readonly labels: readonly (string | null)[]
}

/** Groups incidents by `label` (computed once per incident when the snapshot is built). */
export function grouping(n: number, label: (i: number) => string | null): Grouping {
  const of = n < 65_536 ? new Uint16Array(n) : new Uint32Array(n)
  const labels: (string | null)[] = []
  const index = new Map<string | null, number>()
  for (let i = 0; i < n; i++) {
    const l = label(i)
    let g = index.get(l)
    if (g === undefined) {
      g = labels.length
      labels.push(l)
      index.set(l, g)
    }
    of[i] = g
  }
  return { of, labels }
}

/** The columns of one database state, one entry per incident (figures: per figure row, grouped by incident). */
export interface Columns {
  readonly ids: string[]
  /** Each incident's row key (seq): a page's rows are read by it, the table's own order, not by the hashed id. */
  readonly seqs: Float64Array
  readonly status: Uint16Array
  readonly start: Int32Array
  readonly last: Int32Array
  readonly country: Uint16Array
  /** Actors are open-ended (a dataset has thousands): 32-bit codes. */
  readonly actor: Uint32Array
  readonly actorLc: Uint32Array
  readonly grade: Uint16Array
  readonly categories: Uint8Array
  readonly killedHigh: Int32Array
  /** Per incident and category: its killed figure's high in that category (NO_KILLED when it has none). */
  readonly categoryKilled: Int32Array
  /** Incident i's figure rows are [figFrom[i], figFrom[i + 1]). */
  readonly figFrom: Int32Array
  readonly figMeasure: Uint8Array
  readonly figCategory: Uint8Array
  readonly figMin: Int32Array
  readonly figMax: Int32Array
  readonly figMaxNull: Uint8Array
  /** The place's coordinates as the map reads them (NaN for none), its precision and its region and name (dictionary codes). */
  readonly lat: Float64Array
  readonly lon: Float64Array
  readonly precision: Uint16Array
  readonly admin1: Uint32Array
  readonly placeName: Uint32Array
  /** The highest low of the incident's killed figures (NO_KILLED when it has none): a map point's killed low. */
  readonly killedLow: Int32Array
  readonly dict: { status: Dictionary; country: Dictionary; actor: Dictionary; actorLc: Dictionary; grade: Dictionary; precision: Dictionary; placeText: Dictionary }
  /**
   * Incidents are numbered by date_start then id, ascending: the first `dated` have a date, the undated follow by id.
   * Lists in date order walk the numbers, forwards or backwards.
   */
  readonly dated: number
  /** Incidents by killed high descending (NULLs last), then date_start ascending (NULLs last), then id. */
  readonly byKilled: Int32Array
  /** Each incident's group under each grouping, as an index into that grouping's labels. */
  readonly groups: Record<TotalGroup, Grouping>
}

/**
 * A filter compiled to numbers: every condition of the SQL filter, in the same terms (see incidentWhere). One
 * monomorphic test with plain fields, because a closure per condition cost more than the comparisons themselves.
 */
export class Matcher {
  /** -1: any status. */
  status = -1
  /** NO_DATE: no lower bound (NULL dates then pass, as in SQL without the condition). */
  from = NO_DATE
  to = 0
  hasTo = false
  country = -1
  actorLc = -1
  grade = -1
  /** The category's bit, 0 for none. */
  categoryBit = 0
  /** NO_KILLED: no threshold (NULL then passes). */
  minKilled = NO_KILLED
  /** The category whose killed figure must reach minKilled too, -1 for none. */
  thresholdCategory = -1

  constructor(private readonly c: Columns) {}

  test(i: number): boolean {
    const c = this.c
    if (this.status >= 0 && c.status[i] !== this.status) return false
    if (c.last[i]! < this.from) return false
    if (this.hasTo) {
      const s = c.start[i]!
      if (s === NO_DATE || s > this.to) return false
    }
    if (this.country >= 0 && c.country[i] !== this.country) return false
    if (this.actorLc >= 0 && c.actorLc[i] !== this.actorLc) return false
    if (this.grade >= 0 && c.grade[i] !== this.grade) return false
    if ((c.categories[i]! & this.categoryBit) !== this.categoryBit) return false
    if (c.killedHigh[i]! < this.minKilled) return false
    if (this.thresholdCategory >= 0 && c.categoryKilled[i * NCAT + this.thresholdCategory]! < this.minKilled) return false
    return true
  }
}
