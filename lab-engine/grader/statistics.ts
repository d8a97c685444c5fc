// Statistics for distribution checks: binomial intervals and the request count that tells a split from its nearest wrong one.
//
// Normal approximation to the binomial: an observed share p̂ of N lies within
// p ± z·sqrt(p(1-p)/N) with the interval's confidence. N is chosen so the
// intervals around the expected share p and the nearest wrong one q = p ± d do
// not overlap: N ≥ (z·(σp + σq) / d)², σ = sqrt(p(1-p)).

/** Two-sided z for 99.9%. */
export const Z_999 = 3.2905

export interface Interval {
  low: number
  high: number
}

export function binomialInterval(p: number, n: number, z = Z_999): Interval {
  const half = z * Math.sqrt((p * (1 - p)) / n)
  return { low: Math.max(0, p - half), high: Math.min(1, p + half) }
}

/** The smallest N at which share p and the nearer of p ± d cannot be confused at this z. */
export function requestsToResolve(p: number, d: number, z = Z_999): number {
  const wrong = [p - d, p + d].filter((q) => q >= 0 && q <= 1)
  const sigma = (x: number) => Math.sqrt(x * (1 - x))
  const needed = wrong.map((q) => ((z * (sigma(p) + sigma(q))) / d) ** 2)
  return Math.ceil(Math.max(10, ...needed))
}

/** Requests for a whole split: the most any bucket needs. */
export function requestsForSplit(shares: readonly number[], d: number, z = Z_999): number {
  return Math.max(...shares.map((p) => requestsToResolve(p, d, z)))
}
