// Short words for a compiled route's match and fault, as the graph labels a branch ("end-user=jason", "abort 500 100%").
//
// Reads the compiled Envoy route (mesh/control types), not the VirtualService: the
// label says what the proxy was given. Istio HTTPMatchRequest semantics: conditions of
// one match block AND together; the path `prefix /` is the default and says nothing.

import type { FaultInjection, HeaderMatch, QueryParamMatch, RouteMatch, StringMatch } from '../control/types'

function stringMatchText(m: StringMatch | { kind: 'present' }): string {
  switch (m.kind) {
    case 'exact': return `=${m.value}`
    case 'prefix': return ` prefix ${m.value}`
    case 'regex': return ` ~ ${m.value}`
    case 'present': return ' present'
  }
}

function headerText(h: HeaderMatch): string {
  if (h.invert && h.match.kind === 'present') return `no ${h.name}`
  return `${h.invert ? 'not ' : ''}${h.name}${stringMatchText(h.match)}`
}

function queryText(q: QueryParamMatch): string {
  return `?${q.name}${stringMatchText(q.match)}`
}

function pathText(path: StringMatch, ignoreCase: boolean | undefined): string[] {
  if (path.kind === 'prefix' && path.value === '/') return []
  const word = path.kind === 'exact' ? `uri ${path.value}` : path.kind === 'prefix' ? `uri prefix ${path.value}` : `uri ~ ${path.value}`
  return [ignoreCase ? `${word} (any case)` : word]
}

/** "" when the route takes every request; otherwise its conditions joined with ", ". */
export function matchText(m: RouteMatch): string {
  const parts = [
    ...pathText(m.path, m.ignoreCase),
    ...(m.method ? [`method${stringMatchText(m.method)}`] : []),
    ...(m.authority ? [`authority${stringMatchText(m.authority)}`] : []),
    ...m.headers.map(headerText),
    ...m.queryParams.map(queryText),
    ...(m.compiledFrom?.sourceLabels ? [`from ${Object.entries(m.compiledFrom.sourceLabels).map(([k, v]) => `${k}=${v}`).join(',')}`] : []),
    ...(m.compiledFrom?.sourceNamespace ? [`from namespace ${m.compiledFrom.sourceNamespace}`] : []),
  ]
  return parts.join(', ')
}

/** Milliseconds as Istio durations are usually written: 7s, 500ms, 1.5s. */
export function durationText(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000}s` : `${ms}ms`
}

/** "delay 7s 100%, abort 500 50%", or undefined without a fault. */
export function faultText(f: FaultInjection | undefined): string | undefined {
  if (!f) return undefined
  const parts = [
    ...(f.delay ? [`delay ${durationText(f.delay.fixedDelayMs)} ${f.delay.percentage}%`] : []),
    ...(f.abort ? [`abort ${f.abort.httpStatus ?? f.abort.grpcStatus ?? '?'} ${f.abort.percentage}%`] : []),
  ]
  return parts.length > 0 ? parts.join(', ') : undefined
}
