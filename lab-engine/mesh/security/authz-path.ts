// Paths as AuthorizationPolicy `paths` / `notPaths` see them: normalized, without the query, matched by pattern or template.
//
// Istio AuthorizationPolicy reference (Operation.paths): exact, prefix `/x/*`,
// suffix `*/x` and presence `*`, plus path templates (`{*}` one segment,
// `{**}` any remainder, "must be the last operator"). Istio builds Envoy's
// url_path matcher, which compares the path without its query string; with
// Istio's default meshConfig.pathNormalization (BASE) Envoy first normalizes
// the path per RFC 3986 (dot segments removed) — see Istio's "Security Best
// Practices: Understand path normalization in authorization policy".

import { matchPattern } from './string-match'

/** Path templates longer than this are treated as not matching (guards regex size). */
export const MAX_PATH_TEMPLATE_LENGTH = 1024

/** The path part of a :path, with RFC 3986 dot segments removed (Envoy normalize_path). */
export function normalizePath(rawPath: string): string {
  const cut = rawPath.search(/[?#]/)
  const path = cut >= 0 ? rawPath.slice(0, cut) : rawPath
  const out: string[] = []
  const segments = path.split('/')
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1
    if (seg === '.') { if (last) out.push('') } else if (seg === '..') { if (out.length > 1) out.pop(); if (last) out.push('') } else out.push(seg)
  })
  const joined = out.join('/')
  return joined.startsWith('/') ? joined : `/${joined}`
}

/** istio pkg/config/security ContainsPathTemplate. */
export function isPathTemplate(pattern: string): boolean {
  return pattern.includes('{*}') || pattern.includes('{**}')
}

function templateRegex(pattern: string): RegExp | undefined {
  if (pattern.length > MAX_PATH_TEMPLATE_LENGTH) return undefined
  const parts = pattern.split(/(\{\*\*\}|\{\*\})/)
  const body = parts.map((p) => (p === '{*}' ? '[^/]+' : p === '{**}' ? '.*' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')
  return new RegExp(`^${body}$`)
}

/** Whether one `paths` entry matches the request's :path. */
export function matchPath(pattern: string, rawPath: string | undefined): boolean {
  if (rawPath === undefined) return false
  const path = normalizePath(rawPath)
  if (!isPathTemplate(pattern)) return matchPattern(pattern, path)
  return templateRegex(pattern)?.test(path) ?? false
}
