// IP and port allocation: hands out unused addresses (pod IPs, ClusterIPs, LoadBalancer IPs) and NodePorts.
//
// Follows kubernetes.io/docs/concepts/services-networking/cluster-ip-allocation/:
// ClusterIPs are picked at random, dynamic allocation prefers the upper band of
// the range (the lower band is kept for static IPs); NodePorts are picked at
// random from 30000-32767 (kubernetes.io/docs/concepts/services-networking/service/#type-nodeport).

import type { Rng } from '../../core/rng'

/** Random probes before a linear scan; keeps allocation O(1) while the range is sparse. */
const RANDOM_PROBES = 16

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number)
  return (((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!) >>> 0
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** Numbers in [first, last], handed out at random (with the Rng) or in order, never twice. */
export class RangeAllocator {
  private readonly used = new Set<number>()

  constructor(
    readonly first: number,
    readonly last: number,
    private readonly rng: Rng | undefined,
  ) {}

  /** Marks n as taken (an address that already exists); numbers outside the range are ignored. */
  reserve(n: number): void {
    if (n >= this.first && n <= this.last) this.used.add(n)
  }

  release(n: number): void {
    this.used.delete(n)
  }

  has(n: number): boolean {
    return this.used.has(n)
  }

  /** The next free number, or undefined when the range is full. */
  allocate(): number | undefined {
    const size = this.last - this.first + 1
    if (this.used.size >= size) return undefined
    const start = this.rng ? this.rng.int(size) : 0
    if (this.rng) {
      for (let i = 0, probe = start; i < RANDOM_PROBES; i++, probe = this.rng.int(size)) {
        if (!this.used.has(this.first + probe)) return this.take(this.first + probe)
      }
    }
    for (let i = 0; i < size; i++) {
      const n = this.first + ((start + i) % size)
      if (!this.used.has(n)) return this.take(n)
    }
    return undefined
  }

  private take(n: number): number {
    this.used.add(n)
    return n
  }
}

/** The same, over dotted IPv4 addresses. */
export class IpAllocator {
  private readonly range: RangeAllocator

  constructor(first: string, last: string, rng?: Rng) {
    this.range = new RangeAllocator(ipToInt(first), ipToInt(last), rng)
  }

  reserve(ip: string | undefined): void {
    if (ip && /^\d+\.\d+\.\d+\.\d+$/.test(ip)) this.range.reserve(ipToInt(ip))
  }

  release(ip: string | undefined): void {
    if (ip && /^\d+\.\d+\.\d+\.\d+$/.test(ip)) this.range.release(ipToInt(ip))
  }

  allocate(): string | undefined {
    const n = this.range.allocate()
    return n === undefined ? undefined : intToIp(n)
  }
}
