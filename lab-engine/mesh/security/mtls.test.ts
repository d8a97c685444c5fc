import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../cluster/types'
import { connectionSecurityPolicyLabel, decideTransport, TLS_WRONG_VERSION, upstreamResetBody, xfccValue, type TransportInput } from './mtls'
import { inferNamespaceMode, peerAuthenticationModeFor } from './peer-authentication'
import { pa } from './test-fixtures'
import type { ClientTlsMode } from './types'

/** The tasks' setup: sleep and httpbin in foo and bar with sidecars, in legacy without. */
const NAMESPACES = ['foo', 'bar', 'legacy']
const sidecar = (ns: string) => ns !== 'legacy'
const HTTPBIN_PORT = 8080

function probe(policies: KubeObject[], from: string, to: string, dr?: ClientTlsMode): TransportInput {
  return {
    client: { sidecar: sidecar(from), namespace: from, serviceAccount: 'sleep' },
    server: {
      sidecar: sidecar(to), namespace: to, serviceAccount: 'httpbin',
      mode: peerAuthenticationModeFor(policies, { namespace: to, labels: { app: 'httpbin' } }, HTTPBIN_PORT).mode,
    },
    inferredServerMode: inferNamespaceMode(policies, to),
    ...(dr ? { destinationRuleTls: dr } : {}),
  }
}

/** What the tasks' curl loop prints for one pair: the status code, or 000 plus the exit code. */
function curlResult(policies: KubeObject[], from: string, to: string, dr?: ClientTlsMode): string {
  const d = decideTransport(probe(policies, from, to, dr))
  if (d.outcome === 'connection-reset') return `000 exit ${d.curlExitCode}`
  if (d.outcome === 'upstream-failure') return String(d.status)
  return '200'
}

function table(policies: KubeObject[], froms = NAMESPACES, tos = NAMESPACES): string[] {
  return froms.flatMap((from) => tos.map((to) => `sleep.${from} to httpbin.${to}: ${curlResult(policies, from, to)}`))
}

describe('Mutual TLS Migration task', () => {
  it('before any policy every pair answers 200 (auto mTLS, PERMISSIVE by default)', () => {
    expect(table([], NAMESPACES, ['foo', 'bar']).every((l) => l.endsWith(': 200'))).toBe(true)
  })

  it('namespace foo STRICT: only sleep.legacy to httpbin.foo fails with 000 and exit code 56', () => {
    const policies = [pa('foo', 'default', { mtls: { mode: 'STRICT' } })]
    expect(table(policies, NAMESPACES, ['foo', 'bar'])).toEqual([
      'sleep.foo to httpbin.foo: 200', 'sleep.foo to httpbin.bar: 200',
      'sleep.bar to httpbin.foo: 200', 'sleep.bar to httpbin.bar: 200',
      'sleep.legacy to httpbin.foo: 000 exit 56', 'sleep.legacy to httpbin.bar: 200',
    ])
  })

  it('the legacy client sees curl\'s connection-reset error', () => {
    const d = decideTransport(probe([pa('istio-system', 'default', { mtls: { mode: 'STRICT' } })], 'legacy', 'bar'))
    expect(d).toMatchObject({ outcome: 'connection-reset', httpCode: 0, curlError: 'Recv failure: Connection reset by peer' })
  })
})

describe('Authentication Policy task', () => {
  it('mesh-wide STRICT: legacy clients fail toward foo and bar, sidecars still reach httpbin.legacy in plain text', () => {
    const policies = [pa('istio-system', 'default', { mtls: { mode: 'STRICT' } })]
    expect(table(policies)).toEqual([
      'sleep.foo to httpbin.foo: 200', 'sleep.foo to httpbin.bar: 200', 'sleep.foo to httpbin.legacy: 200',
      'sleep.bar to httpbin.foo: 200', 'sleep.bar to httpbin.bar: 200', 'sleep.bar to httpbin.legacy: 200',
      'sleep.legacy to httpbin.foo: 000 exit 56', 'sleep.legacy to httpbin.bar: 000 exit 56', 'sleep.legacy to httpbin.legacy: 200',
    ])
  })

  it('workload policy STRICT on httpbin.bar with port 8080 DISABLE lets legacy in again', () => {
    const strictBar = pa('bar', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' } })
    expect(curlResult([strictBar], 'legacy', 'bar')).toBe('000 exit 56')
    const withPort = pa('bar', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { [HTTPBIN_PORT]: { mode: 'DISABLE' } } })
    expect(curlResult([withPort], 'legacy', 'bar')).toBe('200')
    expect(curlResult([withPort], 'foo', 'bar')).toBe('200')
  })

  it('policy precedence: workload DISABLE under namespace STRICT lets legacy reach httpbin.foo (200)', () => {
    const policies = [
      pa('foo', 'default', { mtls: { mode: 'STRICT' } }),
      pa('foo', 'overwrite-example', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'DISABLE' } }),
    ]
    expect(curlResult(policies, 'legacy', 'foo')).toBe('200')
    // auto mTLS sees the endpoint's effective DISABLE and sends plain text (istiod EDS mtlsChecker)
    expect(decideTransport(probe(policies, 'foo', 'foo'))).toMatchObject({ outcome: 'plaintext', clientMode: 'DISABLE' })
    // forcing ISTIO_MUTUAL with a DestinationRule toward that DISABLE port fails instead
    expect(curlResult(policies, 'foo', 'foo', 'ISTIO_MUTUAL')).toBe('503')
  })

  it('auto mTLS: mTLS between sidecars, plain text toward legacy, with the security policy label and principals', () => {
    const toFoo = decideTransport(probe([], 'foo', 'foo'))
    expect(toFoo).toMatchObject({
      outcome: 'mtls', connectionSecurityPolicy: 'mutual_tls', clientMode: 'ISTIO_MUTUAL', clientModeSource: 'auto-mtls',
      peerPrincipal: 'spiffe://cluster.local/ns/foo/sa/sleep', sourcePrincipal: 'cluster.local/ns/foo/sa/sleep',
      serverPrincipal: 'spiffe://cluster.local/ns/foo/sa/httpbin',
    })
    expect(decideTransport(probe([], 'foo', 'legacy'))).toMatchObject({ outcome: 'plaintext', connectionSecurityPolicy: 'none', clientMode: 'DISABLE' })
    expect(decideTransport(probe([], 'legacy', 'foo'))).toMatchObject({ outcome: 'plaintext', clientMode: 'NONE' })
  })

  it('the XFCC header names server and client as the task shows (hash aside)', () => {
    const d = decideTransport(probe([], 'foo', 'foo'))
    const xfcc = d.outcome === 'mtls' ? d.xfcc! : ''
    expect(xfcc.replace(/Hash=[a-f0-9]{64};/, 'Hash=<redacted>;')).toBe(
      'By=spiffe://cluster.local/ns/foo/sa/httpbin;Hash=<redacted>;Subject="";URI=spiffe://cluster.local/ns/foo/sa/sleep')
    expect(xfccValue('a', 'b')).not.toBe(xfccValue('a', 'c'))
  })
})

describe('DestinationRule tls modes against server modes', () => {
  const strictMesh = [pa('istio-system', 'default', { mtls: { mode: 'STRICT' } })]

  it('a sidecar forced to plain text (tls DISABLE) against STRICT gets 503 connection termination, not retried', () => {
    const d = decideTransport(probe(strictMesh, 'foo', 'bar', 'DISABLE'))
    expect(d).toMatchObject({ outcome: 'upstream-failure', status: 503, responseFlag: 'UC', retriable: false,
      body: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination' })
  })

  it('ISTIO_MUTUAL toward a pod without a sidecar: 503 with BoringSSL WRONG_VERSION_NUMBER', () => {
    const d = decideTransport(probe([], 'foo', 'legacy', 'ISTIO_MUTUAL'))
    expect(d).toMatchObject({ outcome: 'upstream-failure', responseFlag: 'UF', transportFailureReason: TLS_WRONG_VERSION })
    expect(d.outcome === 'upstream-failure' && d.body).toBe(
      'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, ' +
      'transport failure reason: TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end:TLS_error_end')
  })

  it('DISABLE toward a PERMISSIVE sidecar or no sidecar is plain text that works', () => {
    expect(curlResult([], 'foo', 'bar', 'DISABLE')).toBe('200')
    expect(decideTransport(probe([], 'foo', 'bar', 'DISABLE'))).toMatchObject({ outcome: 'plaintext', clientModeSource: 'destination-rule' })
  })

  it('SIMPLE is not Istio mTLS: STRICT rejects the handshake, a TLS app accepts it', () => {
    expect(decideTransport(probe(strictMesh, 'foo', 'bar', 'SIMPLE'))).toMatchObject({ outcome: 'upstream-failure', transportFailureReason: expect.stringContaining('HANDSHAKE_FAILURE') })
    const tlsApp = { ...probe([], 'foo', 'legacy', 'SIMPLE') }
    expect(decideTransport({ ...tlsApp, server: { ...tlsApp.server, appServesTls: true } })).toMatchObject({ outcome: 'tls', connectionSecurityPolicy: 'none' })
    expect(decideTransport(tlsApp)).toMatchObject({ outcome: 'upstream-failure', transportFailureReason: TLS_WRONG_VERSION })
  })

  it('auto mTLS sends plain text when the server namespace is DISABLE, or when auto mTLS is off', () => {
    const nsDisable = [pa('bar', 'default', { mtls: { mode: 'DISABLE' } })]
    expect(decideTransport(probe(nsDisable, 'foo', 'bar'))).toMatchObject({ outcome: 'plaintext', clientMode: 'DISABLE' })
    expect(decideTransport({ ...probe([], 'foo', 'bar'), autoMtls: false })).toMatchObject({ outcome: 'plaintext' })
    expect(decideTransport({ ...probe(strictMesh, 'foo', 'bar'), autoMtls: false })).toMatchObject({ outcome: 'upstream-failure', status: 503 })
  })

  it('connection_security_policy: mutual_tls or none from the destination, unknown from the source', () => {
    const mtls = decideTransport(probe([], 'foo', 'bar'))
    const plain = decideTransport(probe([], 'legacy', 'bar'))
    expect(connectionSecurityPolicyLabel(mtls, 'destination')).toBe('mutual_tls')
    expect(connectionSecurityPolicyLabel(plain, 'destination')).toBe('none')
    expect(connectionSecurityPolicyLabel(mtls, 'source')).toBe('unknown')
  })

  it('upstreamResetBody words a reset without a transport reason or retry', () => {
    expect(upstreamResetBody('overflow')).toBe('upstream connect error or disconnect/reset before headers. reset reason: overflow')
  })
})
