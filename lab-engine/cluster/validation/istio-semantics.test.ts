import { describe, expect, it } from 'vitest'
import { istioSemanticErrors, istioWebhookMessage } from './istio-semantics'

const net = (kind: string, spec: unknown) => ({ apiVersion: 'networking.istio.io/v1', kind, metadata: { name: 'x' }, spec })
const sec = (kind: string, spec: unknown) => ({ apiVersion: 'security.istio.io/v1', kind, metadata: { name: 'x' }, spec })
const route = (...dests: unknown[]) => net('VirtualService', { hosts: ['reviews'], http: [{ route: dests }] })
const faulty = (fault: unknown) => net('VirtualService', { hosts: ['ratings'], http: [{ fault, route: [{ destination: { host: 'ratings' } }] }] })

describe('istioSemanticErrors: admitted', () => {
  const good: Array<[string, Record<string, unknown>]> = [
    ['one destination, no weight', route({ destination: { host: 'reviews' } })],
    ['weights that do not sum to 100 (normalised since Istio 1.12)', route({ destination: { host: 'a' }, weight: 1 }, { destination: { host: 'b' }, weight: 3 })],
    ['delay fault', faulty({ delay: { percentage: { value: 100 }, fixedDelay: '7s' } })],
    ['abort fault', faulty({ abort: { percentage: { value: 0.1 }, httpStatus: 500 } })],
    ['DestinationRule with subsets', net('DestinationRule', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2' }] })],
    ['Gateway', net('Gateway', { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] })],
    ['PeerAuthentication', sec('PeerAuthentication', { mtls: { mode: 'PERMISSIVE' }, portLevelMtls: { 8080: { mode: 'DISABLE' } } })],
    ['AuthorizationPolicy allow-nothing', sec('AuthorizationPolicy', {})],
    ['AuthorizationPolicy with rules', sec('AuthorizationPolicy', { action: 'DENY', rules: [{ from: [{ source: { namespaces: ['foo'] } }], to: [{ operation: { methods: ['POST'] } }] }] })],
    ['ServiceEntry', net('ServiceEntry', { hosts: ['httpbin.org'], ports: [{ number: 443, name: 'https', protocol: 'TLS' }], resolution: 'DNS', location: 'MESH_EXTERNAL' })],
    ['RequestAuthentication', sec('RequestAuthentication', { jwtRules: [{ issuer: 'testing@secure.istio.io', jwksUri: 'https://example.com/jwks.json' }] })],
    ['a kind without rules', { apiVersion: 'v1', kind: 'Pod', spec: {} }],
  ]
  it.each(good)('%s', (_name, obj) => {
    expect(istioSemanticErrors(obj)).toEqual([])
  })
})

describe('istioSemanticErrors: denied with Istio wording', () => {
  const bad: Array<[string, Record<string, unknown>, string[]]> = [
    ['VirtualService without hosts', net('VirtualService', { http: [{ route: [{ destination: { host: 'a' } }] }] }), ['virtual service must have at least one host']],
    ['route without destination', route({ weight: 100 }), ['destination is required']],
    ['destination with empty host', route({ destination: { host: '' } }), ['empty domain name not allowed']],
    ['all weights zero', route({ destination: { host: 'a' }, weight: 0 }, { destination: { host: 'b' } }), ['total destination weight = 0']],
    ['negative weight', route({ destination: { host: 'a' }, weight: -10 }, { destination: { host: 'b' }, weight: 110 }), ['weight -10 < 0']],
    ['fault with neither delay nor abort', faulty({}), ['HTTP fault injection must have an abort and/or a delay']],
    ['abort status out of range', faulty({ abort: { httpStatus: 700 } }), ['HTTP status 700 is not in range 200-599']],
    ['percentage over 100', faulty({ abort: { httpStatus: 503, percentage: { value: 150 } } }), ['percentage 150 is neither 0.0, nor in range [0.0001, 100.0]']],
    ['negative delay percentage', faulty({ delay: { fixedDelay: '1s', percentage: { value: -1 } } }), ['percentage -1 is neither 0.0, nor in range [0.0001, 100.0]']],
    ['DestinationRule without host', net('DestinationRule', { subsets: [{ name: 'v1' }] }), ['empty domain name not allowed']],
    ['subset without name', net('DestinationRule', { host: 'r', subsets: [{ labels: { version: 'v1' } }] }), ['subset name cannot be empty']],
    ['duplicate subsets', net('DestinationRule', { host: 'r', subsets: [{ name: 'v1' }, { name: 'v1' }] }), ['duplicate subset names: v1']],
    ['Gateway without servers', net('Gateway', { selector: { istio: 'ingressgateway' } }), ['gateway must have at least one server']],
    ['server without port or hosts', net('Gateway', { servers: [{}] }), ['port is required', 'server config must contain at least one host']],
    ['server port out of range', net('Gateway', { servers: [{ port: { number: 99999, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] }), ['port number 99999 must be in the range 1..65535']],
    ['ServiceEntry without hosts', net('ServiceEntry', { ports: [{ number: 0, name: 'http', protocol: 'HTTP' }], resolution: 'DNS' }), ['service entry must have at least one host', 'port number 0 must be in the range 1..65535']],
    ['mTLS mode', sec('PeerAuthentication', { mtls: { mode: 'ON' } }), ['unknown value "ON" for enum istio.security.v1beta1.PeerAuthentication_MutualTLS_Mode']],
    ['action', sec('AuthorizationPolicy', { action: 'PERMIT' }), ['unknown value "PERMIT" for enum istio.security.v1beta1.AuthorizationPolicy_Action']],
    ['empty from', sec('AuthorizationPolicy', { rules: [{ from: [] }] }), ['`from` must not be empty, found at rule 0']],
    ['from without source', sec('AuthorizationPolicy', { rules: [{}, { from: [{}] }] }), ['`from.source` must not be nil, found at rule 1']],
    ['empty to.operation', sec('AuthorizationPolicy', { rules: [{ to: [{ operation: {} }] }] }), ['`to.operation` must not be empty, found at rule 0']],
    ['jwtRule without issuer', sec('RequestAuthentication', { jwtRules: [{ jwksUri: 'https://x' }] }), ['issuer must be set']],
  ]
  it.each(bad)('%s', (_name, obj, errors) => {
    expect(istioSemanticErrors(obj)).toEqual(errors)
  })
})

describe('istioWebhookMessage', () => {
  it('prints one reason inline', () => {
    expect(istioWebhookMessage(['issuer must be set'])).toBe('admission webhook "validation.istio.io" denied the request: configuration is invalid: issuer must be set')
  })
  it('prints several as go-multierror does', () => {
    expect(istioWebhookMessage(['port is required', 'server config must contain at least one host'])).toBe(
      'admission webhook "validation.istio.io" denied the request: configuration is invalid: 2 errors occurred:\n\t* port is required\n\t* server config must contain at least one host')
  })
})
