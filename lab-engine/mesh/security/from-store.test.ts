import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { KubeObject, ObjectInput } from '../../cluster/types'
import { installComponent } from '../../istio/install'
import { profileByName } from '../../istio/profiles'
import { createSimSession, type SimSession } from '../../sim/session'
import {
  authorizationPoliciesFromStore, inferredNamespaceModeFromStore, meshSecurityConfigFromStore, meshSecurityConfigOf,
  peerAuthenticationModeFromStore, podIdentity, requestAuthenticationsFromStore,
} from './from-store'

let session: SimSession

const obj = (kind: string, namespace: string, name: string, spec: Record<string, unknown>): ObjectInput =>
  ({ apiVersion: 'security.istio.io/v1', kind, metadata: { name, namespace }, spec })

const httpbinPod = (sidecar: boolean): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'httpbin-abc', namespace: 'default', labels: { app: 'httpbin' }, uid: 'u', resourceVersion: '1', generation: 1, creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { serviceAccountName: 'httpbin', containers: [{ name: 'httpbin' }, ...(sidecar ? [{ name: 'istio-proxy' }] : [])] },
})

beforeEach(() => {
  session = createSimSession({ seed: 1 })
  const demo = profileByName('demo')!
  installComponent(session.store, 'Istio core', demo)
  installComponent(session.store, 'Istiod', demo)
})
afterEach(() => session.dispose())

describe('store adapter', () => {
  it('reads rootNamespace and trustDomain from the istio ConfigMap', () => {
    expect(meshSecurityConfigFromStore(session.store)).toEqual({ rootNamespace: 'istio-system', trustDomain: 'cluster.local', enableAutoMtls: true, extensionProviders: [] })
  })

  it('parses extension providers and enableAutoMtls, and survives broken YAML', () => {
    const cfg = meshSecurityConfigOf('enableAutoMtls: false\nextensionProviders:\n- name: sample-ext-authz-http\n  envoyExtAuthzHttp: {}\n')
    expect(cfg).toMatchObject({ enableAutoMtls: false, extensionProviders: ['sample-ext-authz-http'], rootNamespace: 'istio-system' })
    expect(meshSecurityConfigOf(': : :[').rootNamespace).toBe('istio-system')
  })

  it('a pod\'s identity: namespace, labels, service account and whether istio-proxy runs in it', () => {
    expect(podIdentity(httpbinPod(true))).toMatchObject({ namespace: 'default', serviceAccount: 'httpbin', sidecar: true, labels: { app: 'httpbin' } })
    expect(podIdentity(httpbinPod(false)).sidecar).toBe(false)
    const bare = { ...httpbinPod(false), spec: {} }
    expect(podIdentity(bare).serviceAccount).toBe('default')
  })

  it('applied policies feed the pure functions: PeerAuthentication mode, auto-mTLS hint, RequestAuthentication, AuthorizationPolicy', () => {
    const { store } = session
    store.create(obj('PeerAuthentication', 'istio-system', 'default', { mtls: { mode: 'STRICT' } }))
    store.create(obj('PeerAuthentication', 'default', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, portLevelMtls: { 8080: { mode: 'DISABLE' } } }))
    store.create(obj('RequestAuthentication', 'default', 'jwt', { selector: { matchLabels: { app: 'httpbin' } }, jwtRules: [{ issuer: 'x' }] }))
    store.create(obj('AuthorizationPolicy', 'default', 'deny-all', { action: 'DENY', rules: [{}] }))
    const pod = httpbinPod(true)
    expect(peerAuthenticationModeFromStore(store, pod, 8080)).toMatchObject({ mode: 'DISABLE', source: 'port' })
    expect(peerAuthenticationModeFromStore(store, pod, 9000)).toMatchObject({ mode: 'STRICT', source: 'mesh' })
    expect(inferredNamespaceModeFromStore(store, 'default')).toBe('STRICT')
    expect(requestAuthenticationsFromStore(store, podIdentity(pod)).map((p) => p.metadata.name)).toEqual(['jwt'])
    expect(authorizationPoliciesFromStore(store, podIdentity(pod)).map((p) => p.metadata.name)).toEqual(['deny-all'])
  })
})
