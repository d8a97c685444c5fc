// Service and Endpoints columns.
//
// Follows printService (getServiceExternalIP, loadBalancerStatusStringer, makePortString) and
// printEndpoints (formatEndpoints: at most 3 addresses, then " + N more...") in
// k8s.io/kubernetes/pkg/printers/internalversion/printers.go.

import type { KubeObject } from '../../../cluster/types'
import { age } from '../age'
import { type Column, type Loose, field, formatLabels, nameColumn } from './column'

const LOAD_BALANCER_WIDTH = 16
const MAX_ENDPOINTS = 3

function serviceType(o: KubeObject): string {
  return field(o, 'spec', 'type') || 'ClusterIP'
}

function clusterIP(o: KubeObject): string {
  return field(o, 'spec', 'clusterIPs', '0') || field(o, 'spec', 'clusterIP') || '<none>'
}

function loadBalancerIPs(o: KubeObject, wide: boolean): string {
  const ingress: Loose[] = field(o, 'status', 'loadBalancer', 'ingress') ?? []
  const set = [...new Set(ingress.map((i) => i?.ip || i?.hostname || '').filter(Boolean))].sort()
  const text = set.join(',')
  return !wide && text.length > LOAD_BALANCER_WIDTH ? `${text.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : text
}

export function externalIP(o: KubeObject, wide: boolean): string {
  const externalIPs: string[] = field(o, 'spec', 'externalIPs') ?? []
  switch (serviceType(o)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>'
    case 'LoadBalancer': {
      const lb = loadBalancerIPs(o, wide)
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',')
      return lb || '<pending>'
    }
    case 'ExternalName':
      return field(o, 'spec', 'externalName') ?? ''
    default:
      return '<unknown>'
  }
}

export function portString(ports: Loose): string {
  const list: Loose[] = Array.isArray(ports) ? ports : []
  const text = list.map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',')
  return text || '<none>'
}

export function formatEndpoints(o: KubeObject): string {
  const subsets: Loose[] = (o as Loose).subsets ?? []
  if (subsets.length === 0) return '<none>'
  const list: string[] = []
  let count = 0
  let more = false
  const add = (text: string) => { if (list.length === MAX_ENDPOINTS) more = true; else list.push(text) }
  for (const ss of subsets) {
    const addresses: Loose[] = ss.addresses ?? []
    const ports: Loose[] = ss.ports ?? []
    if (ports.length === 0) { count += addresses.length; addresses.forEach((a) => add(a.ip)); continue }
    for (const p of ports) {
      count += addresses.length
      addresses.forEach((a) => add(hostPort(a.ip, p.port)))
    }
  }
  const text = list.join(',')
  return more ? `${text} + ${count - MAX_ENDPOINTS} more...` : text
}

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`
}

const ageColumn: Column = { header: 'AGE', cell: (o, now) => age(o.metadata.creationTimestamp, now) }

export const SERVICE_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'TYPE', cell: serviceType },
  { header: 'CLUSTER-IP', cell: clusterIP },
  { header: 'EXTERNAL-IP', cell: (o, _now, wide) => externalIP(o, wide) },
  { header: 'PORT(S)', cell: (o) => portString(field(o, 'spec', 'ports')) },
  ageColumn,
  { header: 'SELECTOR', wide: true, cell: (o) => formatLabels(field(o, 'spec', 'selector')) },
]

export const ENDPOINTS_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'ENDPOINTS', cell: formatEndpoints },
  ageColumn,
]

/** formatDiscoveryPorts/formatDiscoveryEndpoints: at most 3, then " + N more...", "<unset>" when empty. */
function listWithMore(items: string[]): string {
  const shown = items.slice(0, MAX_ENDPOINTS).join(',')
  if (items.length > MAX_ENDPOINTS) return `${shown} + ${items.length - MAX_ENDPOINTS} more...`
  return shown || '<unset>'
}

export const ENDPOINTSLICE_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'ADDRESSTYPE', cell: (o) => String((o as Loose).addressType ?? '') },
  { header: 'PORTS', cell: (o) => listWithMore(((o as Loose).ports ?? []).map((p: Loose) => (p.port != null ? String(p.port) : p.name ?? '*'))) },
  { header: 'ENDPOINTS', cell: (o) => listWithMore(((o as Loose).endpoints ?? []).flatMap((e: Loose) => e.addresses ?? [])) },
  ageColumn,
]
