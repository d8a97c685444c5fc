// Source: additionalPrinterColumns in istio/istio manifests/charts/base/files/crd-all.gen.yaml and
// `kubectl get virtualservices` / `kubectl get destinationrules` output in istio.io/latest/docs/examples/bookinfo/.
import { describe, expect, it } from 'vitest'
import { printTables } from '../table'
import { NOW, obj } from '../fixtures.test-util'

const net = (kind: string, name: string, spec: unknown) => obj('networking.istio.io/v1', kind, name, 'default', 3600, { spec })
const sec = (kind: string, name: string, spec: unknown) => obj('security.istio.io/v1', kind, name, 'istio-system', 3600, { spec })

describe('istio columns', () => {
  it.each([
    ['virtualservices', [net('VirtualService', 'bookinfo', { gateways: ['bookinfo-gateway'], hosts: ['*'] }), net('VirtualService', 'reviews', { hosts: ['reviews'] })],
      'NAME       GATEWAYS               HOSTS         AGE\n' +
      'bookinfo   ["bookinfo-gateway"]   ["*"]         60m\n' +
      'reviews                           ["reviews"]   60m\n'],
    ['destinationrules', [net('DestinationRule', 'reviews', { host: 'reviews', subsets: [] })],
      'NAME      HOST      AGE\n' +
      'reviews   reviews   60m\n'],
    ['gateways', [net('Gateway', 'bookinfo-gateway', { selector: { istio: 'ingressgateway' } })],
      'NAME               AGE\n' +
      'bookinfo-gateway   60m\n'],
    ['serviceentries', [net('ServiceEntry', 'httpbin-ext', { hosts: ['httpbin.org', 'www.httpbin.org'], location: 'MESH_EXTERNAL', resolution: 'DNS' })],
      'NAME          HOSTS                               LOCATION        RESOLUTION   AGE\n' +
      'httpbin-ext   ["httpbin.org","www.httpbin.org"]   MESH_EXTERNAL   DNS          60m\n'],
    ['peerauthentications', [sec('PeerAuthentication', 'default', { mtls: { mode: 'STRICT' } })],
      'NAME      MODE     AGE\n' +
      'default   STRICT   60m\n'],
    ['authorizationpolicies', [sec('AuthorizationPolicy', 'allow-nothing', {}), sec('AuthorizationPolicy', 'deny-get', { action: 'DENY' })],
      'NAME            ACTION   AGE\n' +
      'allow-nothing            60m\n' +
      'deny-get        DENY     60m\n'],
    ['requestauthentications', [sec('RequestAuthentication', 'jwt-example', { jwtRules: [] })],
      'NAME          AGE\n' +
      'jwt-example   60m\n'],
  ])('%s', (_kind, objects, text) => {
    expect(printTables(objects, { now: NOW }).stdout).toBe(text)
  })

  it('adds NAMESPACE with -A', () => {
    expect(printTables([sec('PeerAuthentication', 'default', { mtls: { mode: 'STRICT' } })], { now: NOW, allNamespaces: true }).stdout).toBe(
      'NAMESPACE      NAME      MODE     AGE\n' +
      'istio-system   default   STRICT   60m\n')
  })
})
