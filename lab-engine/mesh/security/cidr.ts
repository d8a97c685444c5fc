// IP and CIDR matching for ipBlocks, remoteIpBlocks and the source.ip / destination.ip conditions.
//
// Istio AuthorizationPolicy reference (Source.ipBlocks): "Single IP (e.g.
// 203.0.113.4) and CIDR (e.g. 203.0.113.0/24) are supported"; Istio turns a
// single address into a /32 (or /128) range (pilot/pkg/networking/util
// AddrStrToCidrRange). An unparsable value never matches.

/** Parses an IPv4 or IPv6 address into its bytes; undefined when it is not one. */
export function parseIp(text: string): number[] | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text)
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN))
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : undefined
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groups = (s: string) => (s === '' ? [] : s.split(':'))
  const head = groups(halves[0]!)
  const tail = halves.length === 2 ? groups(halves[1]!) : []
  const missing = 8 - head.length - tail.length
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail]
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined
  return all.flatMap((g) => { const n = parseInt(g, 16); return [n >> 8, n & 255] })
}

/** Whether `ip` lies in `block` (an address or CIDR, as the policy gives it). */
export function ipInBlock(ip: string | undefined, block: string): boolean {
  if (ip === undefined) return false
  const [base, lenText] = block.split('/')
  const addr = parseIp(ip)
  const net = parseIp(base!)
  if (!addr || !net || addr.length !== net.length) return false
  const bits = lenText === undefined ? net.length * 8 : Number(lenText)
  if (!Number.isInteger(bits) || bits < 0 || bits > net.length * 8) return false
  return prefixEqual(addr, net, bits)
}

function prefixEqual(a: number[], b: number[], bits: number): boolean {
  for (let i = 0; i < a.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 255 : (0xff << (8 - bits)) & 255
    if ((a[i]! & mask) !== (b[i]! & mask)) return false
  }
  return true
}

/** Whether the address lies in any of the blocks. */
export function ipInAnyBlock(ip: string | undefined, blocks: readonly string[]): boolean {
  return blocks.some((b) => ipInBlock(ip, b))
}
