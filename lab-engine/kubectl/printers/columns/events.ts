// Event columns: LAST SEEN TYPE REASON OBJECT MESSAGE; wide adds SUBOBJECT SOURCE (before MESSAGE)
// and FIRST SEEN COUNT NAME.
//
// Follows printEvent and formatEventSource in k8s.io/kubernetes/pkg/printers/internalversion/printers.go.

import type { KubeObject } from '../../../cluster/types'
import { age } from '../age'
import { type Column, type Loose, field } from './column'

function firstSeen(o: KubeObject, now: number): string {
  const first = field(o, 'firstTimestamp')
  return first ? age(first, now) : age(field(o, 'eventTime'), now)
}

function lastSeen(o: KubeObject, now: number): string {
  const series = field(o, 'series')
  if (series) return age(series.lastObservedTime, now)
  const last = field(o, 'lastTimestamp')
  return last ? age(last, now) : firstSeen(o, now)
}

function count(o: KubeObject): string {
  const series = field(o, 'series')
  if (series) return String(series.count ?? 0)
  const c = field(o, 'count')
  return String(typeof c === 'number' && c !== 0 ? c : 1)
}

function target(o: KubeObject): string {
  const inv: Loose = field(o, 'involvedObject') ?? {}
  const kind = String(inv.kind ?? '').toLowerCase()
  return inv.name ? `${kind}/${inv.name}` : kind
}

function source(o: KubeObject): string {
  const src: Loose = field(o, 'source') ?? {}
  const component = src.component || field(o, 'reportingController') || ''
  const host = src.host || field(o, 'reportingInstance') || ''
  return host ? `${component}, ${host}` : component
}

export const EVENT_COLUMNS: readonly Column[] = [
  { header: 'LAST SEEN', cell: lastSeen },
  { header: 'TYPE', cell: (o) => field(o, 'type') ?? '' },
  { header: 'REASON', cell: (o) => field(o, 'reason') ?? '' },
  { header: 'OBJECT', cell: target },
  { header: 'SUBOBJECT', wide: true, cell: (o) => field(o, 'involvedObject', 'fieldPath') ?? '' },
  { header: 'SOURCE', wide: true, cell: source },
  { header: 'MESSAGE', cell: (o) => String(field(o, 'message') ?? '').trim() },
  { header: 'FIRST SEEN', wide: true, cell: firstSeen },
  { header: 'COUNT', wide: true, cell: count },
  { header: 'NAME', wide: true, cell: (o) => o.metadata.name },
]
