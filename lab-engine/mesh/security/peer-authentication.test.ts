import { describe, expect, it } from 'vitest'
import { composePeerAuthentication, inferNamespaceMode, modeForPort, peerAuthenticationModeFor } from './peer-authentication'
import { pa } from './test-fixtures'

const httpbinBar = { namespace: 'bar', labels: { app: 'httpbin' } }
const httpbinFoo = { namespace: 'foo', labels: { app: 'httpbin' } }

describe('effective PeerAuthentication (Istio Authentication Policy task and ComposePeerAuthentication)', () => {
  it('with no policy at all, workloads are PERMISSIVE', () => {
    const eff = composePeerAuthentication([])
    expect(eff).toMatchObject({ mode: 'PERMISSIVE', source: 'default' })
    expect(eff.policy).toBeUndefined()
  })

  it('mesh-wide STRICT in istio-system applies to every namespace', () => {
    const list = [pa('istio-system', 'default', { mtls: { mode: 'STRICT' } })]
    expect(peerAuthenticationModeFor(list, httpbinFoo, 8080)).toMatchObject({ mode: 'STRICT', source: 'mesh', policy: { namespace: 'istio-system', name: 'default' } })
  })

  it('policy precedence: workload DISABLE overrides namespace STRICT (task: "Policy precedence")', () => {
    const list = [
      pa('foo', 'default', { mtls: { mode: 'STRICT' } }),
      pa('foo', 'overwrite-example', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'DISABLE' } }),
    ]
    expect(peerAuthenticationModeFor(list, httpbinFoo, 8080)).toMatchObject({ mode: 'DISABLE', source: 'workload' })
    expect(peerAuthenticationModeFor(list, { namespace: 'foo', labels: { app: 'sleep' } }, 8080).mode).toBe('STRICT')
  })

  it('port-level DISABLE on a STRICT workload policy opens only that workload port (task: port 80 of httpbin.bar)', () => {
    const list = [pa('bar', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 80: { mode: 'DISABLE' } } })]
    expect(peerAuthenticationModeFor(list, httpbinBar, 80)).toMatchObject({ mode: 'DISABLE', source: 'port' })
    expect(peerAuthenticationModeFor(list, httpbinBar, 8080)).toMatchObject({ mode: 'STRICT', source: 'workload' })
  })

  it('UNSET inherits from the parent level, port UNSET inherits the workload mode', () => {
    const list = [
      pa('istio-system', 'default', { mtls: { mode: 'STRICT' } }),
      pa('bar', 'default', { mtls: { mode: 'UNSET' } }),
      pa('bar', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, portLevelMtls: { 9000: { mode: 'UNSET' } } }),
    ]
    const eff = composePeerAuthentication(list)
    expect(eff).toMatchObject({ mode: 'STRICT', source: 'mesh' })
    expect(modeForPort(eff, 9000)).toMatchObject({ mode: 'STRICT' })
    expect(eff.chosen.workload).toEqual({ namespace: 'bar', name: 'httpbin' })
  })

  it('at one level the oldest policy wins (creationTimestamp)', () => {
    const list = [
      pa('foo', 'younger', { mtls: { mode: 'DISABLE' } }, '2026-01-02T00:00:00Z'),
      pa('foo', 'older', { mtls: { mode: 'STRICT' } }, '2026-01-01T00:00:00Z'),
    ]
    expect(composePeerAuthentication(list)).toMatchObject({ mode: 'STRICT', policy: { name: 'older' } })
  })

  it('ignores portLevelMtls without a selector and workload policies in the root namespace', () => {
    const list = [
      pa('foo', 'default', { mtls: { mode: 'STRICT' }, portLevelMtls: { 80: { mode: 'DISABLE' } } }),
      pa('istio-system', 'selects', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'DISABLE' } }),
    ]
    expect(peerAuthenticationModeFor(list, httpbinFoo, 80)).toMatchObject({ mode: 'STRICT', source: 'namespace' })
  })

  it('auto mTLS inference sees namespace and mesh policies only', () => {
    const list = [
      pa('istio-system', 'default', { mtls: { mode: 'PERMISSIVE' } }),
      pa('foo', 'default', { mtls: { mode: 'DISABLE' } }),
      pa('bar', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'DISABLE' } }),
    ]
    expect(inferNamespaceMode(list, 'foo')).toBe('DISABLE')
    expect(inferNamespaceMode(list, 'bar')).toBe('PERMISSIVE')
    expect(inferNamespaceMode([], 'bar')).toBeUndefined()
  })
})
