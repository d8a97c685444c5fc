// `istioctl proxy-config secret <pod>`: the certificates a proxy holds through SDS.
//
// Shape from istioctl's configdump secret writer (testdata secret/istio/output):
//   RESOURCE NAME  TYPE  STATUS  VALID CERT  SERIAL NUMBER  NOT AFTER  NOT BEFORE   (padding 5)
// with the workload certificate `default` (Cert Chain) and the mesh root `ROOTCA` (CA);
// gateways add `kubernetes://<credentialName>` for each Gateway server's TLS secret, or a
// WARMING row with VALID CERT false while that Secret does not exist.
// Assumptions: istiod issues 24h workload certificates backdated 2 minutes and renews them
// at half their lifetime (Istio's default SECRET_GRACE_PERIOD_RATIO 0.5), measured from the
// pod's creation; the root is valid 10 years from istiod's creation; a credential's validity
// is a year from its Secret's creation; serial numbers are stable hashes of the object uid.

import type { ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'
import { rfc3339 } from '../../core/clock'
import { ISTIO_NAMESPACE } from '../../istio/version'
import { goTable } from './go-tabwriter'
import type { ProxyConfig } from './types'

const HOUR = 3_600_000
const WORKLOAD_CERT_TTL = 24 * HOUR
const ROTATE_AFTER = WORKLOAD_CERT_TTL / 2
const BACKDATE = 2 * 60_000
const ROOT_TTL = 10 * 365 * 24 * HOUR
const CREDENTIAL_TTL = 365 * 24 * HOUR

export interface SecretRow { name: string; type: string; status: 'ACTIVE' | 'WARMING'; valid: boolean; serial: string; notAfter?: number; notBefore?: number }

/** 128-bit hex from four FNV-1a passes: a stable stand-in for a certificate serial. */
function serialOf(text: string): string {
  let out = ''
  for (let seed = 0; seed < 4; seed++) {
    let h = (0x811c9dc5 ^ seed) >>> 0
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
    out += h.toString(16).padStart(8, '0')
  }
  return out
}

function created(obj: KubeObject | undefined): number {
  return obj ? Date.parse(obj.metadata.creationTimestamp) : 0
}

export function secretRows(store: ObjectStore, cfg: ProxyConfig, now: number): SecretRow[] {
  const pod = store.get({ kind: 'Pod', name: cfg.proxy.pod, namespace: cfg.proxy.namespace })
  const start = created(pod)
  const renewals = Math.max(0, Math.floor((now - start) / ROTATE_AFTER))
  const issued = start + renewals * ROTATE_AFTER
  const istiod = store.get({ kind: 'Deployment', apiVersion: 'apps/v1', name: 'istiod', namespace: ISTIO_NAMESPACE })
  const rows: SecretRow[] = credentialRows(store, cfg, now)
  rows.push({ name: 'default', type: 'Cert Chain', status: 'ACTIVE', valid: true, serial: serialOf(`${pod?.metadata.uid}/${renewals}`), notBefore: issued - BACKDATE, notAfter: issued + WORKLOAD_CERT_TTL })
  rows.push({ name: 'ROOTCA', type: 'CA', status: 'ACTIVE', valid: true, serial: serialOf(istiod?.metadata.uid ?? 'root'), notBefore: created(istiod), notAfter: created(istiod) + ROOT_TTL })
  return rows
}

/** Gateway servers' credentialName secrets, looked up in the gateway's own namespace (Istio secure gateway docs). */
function credentialRows(store: ObjectStore, cfg: ProxyConfig, now: number): SecretRow[] {
  const names = new Set(cfg.listeners.flatMap((l) => l.filterChains.map((c) => c.tls?.credentialName).filter((n): n is string => !!n)))
  return [...names].sort().map((name) => {
    const secret = store.get({ kind: 'Secret', name, namespace: cfg.proxy.namespace })
    if (!secret) return { name: `kubernetes://${name}`, type: '', status: 'WARMING', valid: false, serial: '' }
    const from = created(secret)
    return { name: `kubernetes://${name}`, type: 'Cert Chain', status: 'ACTIVE', valid: now < from + CREDENTIAL_TTL, serial: serialOf(secret.metadata.uid), notBefore: from, notAfter: from + CREDENTIAL_TTL }
  })
}

export function secretsTable(rows: SecretRow[]): string {
  const cells = rows.map((r) => r.status === 'WARMING'
    ? [r.name, '', r.status, String(r.valid)]
    : [r.name, r.type, r.status, String(r.valid), r.serial, rfc3339(r.notAfter!), rfc3339(r.notBefore!)])
  return goTable([['RESOURCE NAME', 'TYPE', 'STATUS', 'VALID CERT', 'SERIAL NUMBER', 'NOT AFTER', 'NOT BEFORE'], ...cells], 5)
}

/** The SDS part of the config dump, trimmed: names, state and validity. */
export function secretsJson(rows: SecretRow[]): unknown {
  return {
    dynamicActiveSecrets: rows.filter((r) => r.status === 'ACTIVE').map((r) => ({ name: r.name, versionInfo: rfc3339(r.notBefore!), secret: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret', name: r.name } })),
    dynamicWarmingSecrets: rows.filter((r) => r.status === 'WARMING').map((r) => ({ name: r.name })),
  }
}
