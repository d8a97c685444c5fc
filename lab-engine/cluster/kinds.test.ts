// Tests for the kinds table and resource-name resolution.
import { describe, expect, it } from 'vitest'
import { KINDS, apiVersionOf, kindFor, resolveResource, unknownResourceMessage } from './kinds'

describe('resolveResource', () => {
  const table: [string, string][] = [
    ['po', 'Pod'], ['pods', 'Pod'], ['pod', 'Pod'], ['Pod', 'Pod'],
    ['deploy', 'Deployment'], ['rs', 'ReplicaSet'], ['svc', 'Service'], ['ep', 'Endpoints'],
    ['cm', 'ConfigMap'], ['ns', 'Namespace'], ['sa', 'ServiceAccount'], ['no', 'Node'], ['ev', 'Event'],
    ['vs', 'VirtualService'], ['dr', 'DestinationRule'], ['gw', 'Gateway'], ['se', 'ServiceEntry'],
    ['pa', 'PeerAuthentication'], ['ap', 'AuthorizationPolicy'], ['ra', 'RequestAuthentication'],
    ['telemetry', 'Telemetry'], ['envoyfilters', 'EnvoyFilter'], ['sidecar', 'Sidecar'],
    ['virtualservices.networking.istio.io', 'VirtualService'], ['deployments.apps', 'Deployment'],
    ['virtualservices.v1beta1.networking.istio.io', 'VirtualService'], ['endpointslices', 'EndpointSlice'],
  ]
  it.each(table)('%s is %s', (typed, kind) => {
    expect(resolveResource(typed)?.kind).toBe(kind)
  })

  it('resolves nothing for unknown or wrongly grouped names', () => {
    expect(resolveResource('foos')).toBeUndefined()
    expect(resolveResource('pods.apps')).toBeUndefined()
    expect(unknownResourceMessage('foos')).toBe('the server doesn\'t have a resource type "foos"')
  })
})

describe('kindFor', () => {
  it('serves Istio networking at v1, v1beta1 and v1alpha3 and security at v1 and v1beta1', () => {
    for (const v of ['v1', 'v1beta1', 'v1alpha3']) expect(kindFor(`networking.istio.io/${v}`, 'VirtualService')).toBeDefined()
    for (const v of ['v1', 'v1beta1']) expect(kindFor(`security.istio.io/${v}`, 'AuthorizationPolicy')).toBeDefined()
    expect(kindFor('security.istio.io/v1alpha1', 'AuthorizationPolicy')).toBeUndefined()
  })

  it('does not serve removed APIs', () => {
    expect(kindFor('authentication.istio.io/v1alpha1', 'MeshPolicy')).toBeUndefined()
    expect(kindFor('authentication.istio.io/v1alpha1', 'Policy')).toBeUndefined()
    expect(kindFor('extensions/v1beta1', 'Deployment')).toBeUndefined()
  })

  it('gives preferred apiVersions and unique short names', () => {
    expect(apiVersionOf(kindFor('v1', 'Pod')!)).toBe('v1')
    expect(apiVersionOf(kindFor('networking.istio.io/v1alpha3', 'Gateway')!)).toBe('networking.istio.io/v1')
    const shorts = KINDS.flatMap((k) => k.shortNames)
    expect(new Set(shorts).size).toBe(shorts.length)
    expect(KINDS.filter((k) => !k.namespaced).map((k) => k.kind)).toEqual(['Namespace', 'Node', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding'])
  })
})
