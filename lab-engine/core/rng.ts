// Rng: the session's seeded, serialisable pseudo-random generator (sfc32), so every run replays.
//
// sfc32 is Chris Doty-Humphrey's "Small Fast Chaotic" generator from PractRand;
// its whole state is four 32-bit words, which snapshot as plain numbers.

/** The generator's complete state; JSON-safe. */
export interface RngState {
  readonly a: number
  readonly b: number
  readonly c: number
  readonly d: number
}

const HEX = '0123456789abcdef'
const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0))
/** uuid(): where each of the 32 hex digits goes in the 36 characters (dashes after 8, 12, 16 and 20 digits). */
const UUID_SLOT = Array.from({ length: 32 }, (_, i) => i + (i >= 8 ? 1 : 0) + (i >= 12 ? 1 : 0) + (i >= 16 ? 1 : 0) + (i >= 20 ? 1 : 0))
/** uuid()'s character codes, reused by every call (dashes fixed, digits overwritten). */
const UUID_CODES: number[] = Array.from('00000000-0000-0000-0000-000000000000', (c) => c.charCodeAt(0))

/** splitmix32 step: spreads a seed over the state words so nearby seeds diverge. */
function splitmix32(x: number): [number, number] {
  const next = (x + 0x9e3779b9) | 0
  let z = next
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad)
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97)
  return [next, (z ^ (z >>> 15)) >>> 0]
}

/** FNV-1a over a string, so text seeds (e.g. a session id) work too. */
function hashSeed(seed: number | string): number {
  if (typeof seed === 'number') return seed >>> 0
  let h = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193)
  return h >>> 0
}

function stateFromSeed(seed: number | string): RngState {
  let x = hashSeed(seed)
  const words: number[] = []
  for (let i = 0; i < 4; i++) {
    const [nx, out] = splitmix32(x)
    x = nx
    words.push(out)
  }
  return { a: words[0]!, b: words[1]!, c: words[2]!, d: words[3]! }
}

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  private constructor(state: RngState) {
    this.a = state.a >>> 0
    this.b = state.b >>> 0
    this.c = state.c >>> 0
    this.d = state.d >>> 0
  }

  /** A generator seeded from a number or a string; it is warmed up so weak seeds mix. */
  static seeded(seed: number | string): Rng {
    const rng = new Rng(stateFromSeed(seed))
    for (let i = 0; i < 12; i++) rng.nextUint32()
    return rng
  }

  /** Rebuilds a generator from snapshot(); it continues the same sequence. */
  static fromState(state: RngState): Rng {
    return new Rng(state)
  }

  snapshot(): RngState {
    return { a: this.a, b: this.b, c: this.c, d: this.d }
  }

  /** The next 32-bit unsigned integer (one sfc32 step). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A float in [0, 1), like Math.random(). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000
  }

  /** An integer in [0, n), without modulo bias (rejection sampling). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x1_0000_0000) {
      throw new RangeError(`Rng.int: n must be an integer in 1..2^32, got ${n}`)
    }
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % n)
    let x = this.nextUint32()
    while (x >= limit) x = this.nextUint32()
    return x % n
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: empty list')
    return items[this.int(items.length)]!
  }

  /** n lowercase hex characters, for ids and hashes. */
  hex(n: number): string {
    let out = ''
    for (let i = 0; i < n; i++) out += HEX[this.int(16)]
    return out
  }

  /**
   * A UUID in version-4 shape (RFC 9562 section 5.4), as Kubernetes uids look. The data plane
   * draws one per request (x-request-id), so the characters go straight into their slots: 32
   * nibble draws (int(16) never rejects, so it is the low four bits), the version nibble
   * overwritten with 4, then one more draw for the variant -- the same draws as ever.
   */
  uuid(): string {
    const out = UUID_CODES
    for (let i = 0; i < 32; i++) out[UUID_SLOT[i]!] = HEX_CODES[this.nextUint32() & 15]!
    out[14] = 52 // '4'
    out[19] = HEX_CODES[8 + (this.nextUint32() & 3)]!
    return String.fromCharCode.apply(null, out)
  }

  /** An independent child generator seeded from this one; the parent advances by four draws. */
  fork(): Rng {
    const child = new Rng({
      a: this.nextUint32(),
      b: this.nextUint32(),
      c: this.nextUint32(),
      d: this.nextUint32(),
    })
    for (let i = 0; i < 12; i++) child.nextUint32()
    return child
  }
}
