/**
 * @module An exact set of 96-bit hashes written as 24 hex digits (the part of a sha256 a source id carries), for a
 * bulk load that has set the unique index on source ids aside and must still never store a row twice. Three 32-bit
 * words per slot in one typed array: about 24 bytes a key at a million keys, where a Set of strings took about 100,
 * and nothing for the garbage collector to trace. Exact, not a filter: a false "seen" would drop a good row.
 */

const HEX24 = /^[0-9a-f]{24}$/

export class HashSet {
  /** Three words per slot; a slot is empty while its flag in `used` is 0. */
  private words: Uint32Array
  private used: Uint8Array
  private mask: number
  private count = 0

  constructor(capacity = 1 << 16) {
    const slots = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2)))
    this.words = new Uint32Array(slots * 3)
    this.used = new Uint8Array(slots)
    this.mask = slots - 1
  }

  get size(): number {
    return this.count
  }

  /** Adds a key; returns false when it was already there. */
  add(hex: string): boolean {
    const [a, b, c] = split(hex)
    // Full at half its slots: probe runs stay short.
    if ((this.count + 1) * 2 > this.used.length) this.grow()
    const i = this.find(a, b, c)
    if (this.used[i] === 1) return false
    this.put(i, a, b, c)
    this.count++
    return true
  }

  has(hex: string): boolean {
    const [a, b, c] = split(hex)
    return this.used[this.find(a, b, c)] === 1
  }

  /** The slot holding the key, or the empty slot where it belongs. The key is a hash already: its first word places it. */
  private find(a: number, b: number, c: number): number {
    let i = a & this.mask
    for (;;) {
      if (this.used[i] === 0) return i
      const w = i * 3
      if (this.words[w] === a && this.words[w + 1] === b && this.words[w + 2] === c) return i
      i = (i + 1) & this.mask
    }
  }

  private put(i: number, a: number, b: number, c: number): void {
    const w = i * 3
    this.words[w] = a
    this.words[w + 1] = b
    this.words[w + 2] = c
    this.used[i] = 1
  }

  private grow(): void {
    const { words, used } = this
    this.words = new Uint32Array(words.length * 2)
    this.used = new Uint8Array(used.length * 2)
    this.mask = this.used.length - 1
    for (let i = 0; i < used.length; i++) {
      if (used[i] === 0) continue
      const w = i * 3
      this.put(this.find(words[w]!, words[w + 1]!, words[w + 2]!), words[w]!, words[w + 1]!, words[w + 2]!)
    }
  }
}

function split(hex: string): [number, number, number] {
  if (!HEX24.test(hex)) throw new TypeError(`not 24 lowercase hex digits: ${hex.slice(0, 40)}`)
  return [parseInt(hex.slice(0, 8), 16) >>> 0, parseInt(hex.slice(8, 16), 16) >>> 0, parseInt(hex.slice(16, 24), 16) >>> 0]
}
