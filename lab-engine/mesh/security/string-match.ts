// Istio's value patterns for security policies: exact, prefix `abc*`, suffix `*abc` and presence `*`.
//
// Istio AuthorizationPolicy reference ("Rule", value matching): "Exact match:
// abc will match on value abc. Prefix match: abc* will match on value abc and
// abcd. Suffix match: *abc will match on value abc and xabc. Presence match: *
// will match when value is not empty." Istio builds these as Envoy string
// matchers (pilot/pkg/security/authz/matcher): `*` becomes the regex `.+`, while
// header values use Envoy's present_match (the header exists, even if empty).

export interface MatchOptions {
  /** Host matching in Istio is case-insensitive (AuthorizationPolicy Operation.hosts). */
  readonly ignoreCase?: boolean
  /** Header matchers: `*` only needs the header to be present. */
  readonly presenceAllowsEmpty?: boolean
}

/** Whether one Istio pattern matches a value; an absent value only matches nothing. */
export function matchPattern(pattern: string, value: string | undefined, opts: MatchOptions = {}): boolean {
  if (value === undefined) return false
  if (pattern === '*') return opts.presenceAllowsEmpty === true || value !== ''
  const p = opts.ignoreCase ? pattern.toLowerCase() : pattern
  const v = opts.ignoreCase ? value.toLowerCase() : value
  if (p.startsWith('*')) return v.endsWith(p.slice(1))
  if (p.endsWith('*')) return v.startsWith(p.slice(0, -1))
  return v === p
}

/** Whether any of the patterns matches (Istio ORs the values of one field). */
export function matchAny(patterns: readonly string[], value: string | undefined, opts: MatchOptions = {}): boolean {
  return patterns.some((p) => matchPattern(p, value, opts))
}

/** Whether any pattern matches any of several values (list claims such as `groups` or `aud`). */
export function matchAnyOf(patterns: readonly string[], values: readonly string[], opts: MatchOptions = {}): boolean {
  return values.some((v) => matchAny(patterns, v, opts))
}
