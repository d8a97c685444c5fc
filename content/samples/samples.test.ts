// Checks the sample manifests under content/samples: every YAML document parses,
// has apiVersion/kind/metadata.name, validates against the real JSON schema of
// its kind (kubernetes-models / @kubernetes-models/istio), and the facts that
// labs and the simulated mesh rely on hold (labels, ports, routes, subsets).
import { describe, it, expect } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments, parse as parseYaml } from 'yaml'

import { Service } from 'kubernetes-models/v1/Service'
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount'
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap'
import { Deployment } from 'kubernetes-models/apps/v1/Deployment'
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole'
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding'
import { Gateway } from '@kubernetes-models/istio/networking.istio.io/v1beta1/Gateway'
import { VirtualService } from '@kubernetes-models/istio/networking.istio.io/v1beta1/VirtualService'
import { DestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1beta1/DestinationRule'

const ROOT = path.dirname(fileURLToPath(import.meta.url))

// ---------------------------------------------------------------------------
// Loading

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>
interface Doc { file: string; index: number; obj: Obj }

function yamlFiles(dir: string): string[] {
  const out: string[] = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...yamlFiles(p))
    else if (/\.ya?ml$/.test(e.name)) out.push(p)
  }
  return out.sort()
}

const files = yamlFiles(ROOT).map((p) => path.relative(ROOT, p).split(path.sep).join('/'))
const parseErrors: string[] = []
const docs: Doc[] = []
for (const file of files) {
  const parsed = parseAllDocuments(fs.readFileSync(path.join(ROOT, file), 'utf8'))
  const list = Array.isArray(parsed) ? parsed : [parsed]
  list.forEach((d, index) => {
    for (const err of [...d.errors, ...d.warnings]) parseErrors.push(`${file}#${index}: ${err.message}`)
    docs.push({ file, index, obj: d.toJS() as Obj })
  })
}

const inFile = (file: string) => docs.filter((d) => d.file === file).map((d) => d.obj)
const ofKind = (kind: string, list: Obj[] = docs.map((d) => d.obj)) => list.filter((o) => o?.kind === kind)
const nsOf = (o: Obj) => o.metadata?.namespace ?? 'default'
function one(file: string, kind: string, name: string): Obj {
  const found = ofKind(kind, inFile(file)).filter((o) => o.metadata.name === name)
  expect(found, `${kind} ${name} in ${file}`).toHaveLength(1)
  return found[0]
}

// ---------------------------------------------------------------------------
// Schema validation: apiVersion + kind -> model class. networking.istio.io/v1
// objects validate with the v1beta1 classes (Istio serves the same spec under
// both; the package ships no v1 classes).

interface Validatable { validate(): void }
type ModelClass = { new (data: Obj): Validatable; apiVersion: string }
const MODELS: Record<string, ModelClass> = {
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'apps/v1/Deployment': Deployment,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'networking.istio.io/v1/Gateway': Gateway,
  'networking.istio.io/v1/VirtualService': VirtualService,
  'networking.istio.io/v1/DestinationRule': DestinationRule,
  'networking.istio.io/v1beta1/Gateway': Gateway,
  'networking.istio.io/v1beta1/VirtualService': VirtualService,
  'networking.istio.io/v1beta1/DestinationRule': DestinationRule,
} as unknown as Record<string, ModelClass>

function validate(obj: Obj): void {
  const cls = MODELS[`${obj.apiVersion}/${obj.kind}`]
  if (!cls) throw new Error(`no schema for ${obj.apiVersion} ${obj.kind}: add it to MODELS`)
  new cls({ ...obj, apiVersion: cls.apiVersion }).validate()
}

// ---------------------------------------------------------------------------

const EXPECTED_FILES = [
  'bookinfo/platform/kube/bookinfo.yaml',
  'bookinfo/networking/bookinfo-gateway.yaml',
  'bookinfo/networking/destination-rule-all.yaml',
  'bookinfo/networking/virtual-service-all-v1.yaml',
  'bookinfo/networking/virtual-service-reviews-test-v2.yaml',
  'bookinfo/networking/virtual-service-reviews-50-v3.yaml',
  'bookinfo/networking/virtual-service-reviews-v3.yaml',
  'bookinfo/networking/virtual-service-reviews-90-10.yaml',
  'bookinfo/networking/virtual-service-ratings-test-delay.yaml',
  'bookinfo/networking/virtual-service-ratings-test-abort.yaml',
  'httpbin/httpbin.yaml',
  'httpbin/httpbin-gateway.yaml',
  'httpbin/sample-client/fortio-deploy.yaml',
  'sleep/sleep.yaml',
  'curl/curl.yaml',
  'addons/prometheus.yaml',
  'addons/grafana.yaml',
  'addons/jaeger.yaml',
  'addons/kiali.yaml',
]

describe('samples layout', () => {
  it.each(EXPECTED_FILES)('%s exists', (file) => {
    expect(files).toContain(file)
  })
  it('has a README', () => {
    expect(fs.existsSync(path.join(ROOT, 'README.md'))).toBe(true)
  })
  it('every file parses without YAML errors or warnings', () => {
    expect(parseErrors).toEqual([])
  })
})

describe('every document is a valid object', () => {
  it.each(docs.map((d) => [`${d.file}#${d.index} ${d.obj?.kind ?? '?'}/${d.obj?.metadata?.name ?? '?'}`, d]))(
    '%s', (_label, d) => {
      const o = (d as Doc).obj
      expect(o, 'empty document').toBeTypeOf('object')
      expect(o.apiVersion).toBeTypeOf('string')
      expect(o.kind).toBeTypeOf('string')
      expect(o.metadata?.name).toBeTypeOf('string')
      expect(() => validate(o)).not.toThrow()
    })

  // The JSON schemas accept unknown fields (a typo like `htp:` passes), while
  // Istio's webhook and kubectl's strict field validation reject them: check
  // the keys we use against the documented field names.
  const KNOWN_SPEC_KEYS: Record<string, string[]> = {
    Gateway: ['selector', 'servers'],
    VirtualService: ['hosts', 'gateways', 'http', 'tls', 'tcp', 'exportTo'],
    DestinationRule: ['host', 'trafficPolicy', 'subsets', 'exportTo', 'workloadSelector'],
  }
  const HTTP_ROUTE_KEYS = ['name', 'match', 'route', 'redirect', 'directResponse', 'delegate', 'rewrite',
    'timeout', 'retries', 'fault', 'mirror', 'mirrors', 'mirrorPercentage', 'corsPolicy', 'headers']
  it.each(docs.filter((d) => d.obj?.kind in KNOWN_SPEC_KEYS).map((d) => [`${d.file} ${d.obj.kind}/${d.obj.metadata.name}`, d.obj]))(
    'no unknown Istio fields in %s', (_l, o) => {
      const obj = o as Obj
      const allowed = KNOWN_SPEC_KEYS[obj.kind]
      expect(Object.keys(obj.spec).filter((k) => !allowed.includes(k))).toEqual([])
      for (const rule of obj.spec.http ?? [])
        expect(Object.keys(rule).filter((k) => !HTTP_ROUTE_KEYS.includes(k))).toEqual([])
    })

  it('the validator is not a no-op (bad values and unknown kinds fail)', () => {
    const vs = structuredClone(one('bookinfo/networking/virtual-service-reviews-90-10.yaml', 'VirtualService', 'reviews'))
    vs.spec.http[0].route[0].weight = 'x'
    expect(() => validate(vs)).toThrow(/weight must be integer/)
    const dep = structuredClone(one('bookinfo/platform/kube/bookinfo.yaml', 'Deployment', 'details-v1'))
    dep.spec.replicas = 'one'
    expect(() => validate(dep)).toThrow(/replicas must be integer/)
    expect(() => validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toThrow(/no schema/)
  })
})

// ---------------------------------------------------------------------------
// Facts

const BOOKINFO = 'bookinfo/platform/kube/bookinfo.yaml'
const BOOKINFO_TAG = '1.20.2'

describe('bookinfo.yaml', () => {
  const bookinfo = inFile(BOOKINFO)

  it('has exactly the six Deployments', () => {
    expect(ofKind('Deployment', bookinfo).map((d) => d.metadata.name).sort()).toEqual(
      ['details-v1', 'productpage-v1', 'ratings-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3'])
  })

  it.each([
    ['details-v1', 'details', 'v1'],
    ['ratings-v1', 'ratings', 'v1'],
    ['reviews-v1', 'reviews', 'v1'],
    ['reviews-v2', 'reviews', 'v2'],
    ['reviews-v3', 'reviews', 'v3'],
    ['productpage-v1', 'productpage', 'v1'],
  ])('Deployment %s: app=%s version=%s, image, port 9080, service account', (name, app, version) => {
    const d = one(BOOKINFO, 'Deployment', name)
    expect(d.metadata.labels).toMatchObject({ app, version })
    expect(d.spec.selector.matchLabels).toEqual({ app, version })
    expect(d.spec.template.metadata.labels).toMatchObject({ app, version })
    const [c] = d.spec.template.spec.containers
    expect(c.image).toBe(`docker.io/istio/examples-bookinfo-${app}-${version}:${BOOKINFO_TAG}`)
    expect(c.ports).toEqual([{ containerPort: 9080 }])
    expect(d.spec.template.spec.serviceAccountName).toBe(`bookinfo-${app}`)
    one(BOOKINFO, 'ServiceAccount', `bookinfo-${app}`)
  })

  it.each(['details', 'ratings', 'reviews', 'productpage'])('Service %s on 9080 selecting app=%s', (app) => {
    const s = one(BOOKINFO, 'Service', app)
    expect(s.spec.selector).toEqual({ app })
    expect(s.spec.ports).toEqual([{ name: 'http', port: 9080 }])
  })

  it.each(['reviews-v1', 'reviews-v2', 'reviews-v3'])('%s sets LOG_DIR and mounts emptyDir volumes', (name) => {
    const spec = one(BOOKINFO, 'Deployment', name).spec.template.spec
    expect(spec.containers[0].env).toContainEqual({ name: 'LOG_DIR', value: '/tmp/logs' })
    const mounts = spec.containers[0].volumeMounts.map((m: Obj) => m.mountPath)
    expect(mounts).toEqual(expect.arrayContaining(['/tmp', '/opt/ibm/wlp/output']))
  })
})

describe('Deployments and Services agree (all files)', () => {
  const deployments = docs.filter((d) => d.obj.kind === 'Deployment')
  const services = docs.filter((d) => d.obj.kind === 'Service')
  const NOMINAL_PORT = new Set(['sleep/sleep.yaml sleep', 'curl/curl.yaml curl'])

  it.each(deployments.map((d) => [`${d.file} ${d.obj.metadata.name}`, d.obj]))(
    'Deployment %s: selector matches its template labels; volumes exist', (_l, dep) => {
      const d = dep as Obj
      expect(d.spec.selector.matchExpressions).toBeUndefined()
      expect(Object.keys(d.spec.selector.matchLabels ?? {}).length).toBeGreaterThan(0)
      expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels)
      const volumes = new Set((d.spec.template.spec.volumes ?? []).map((v: Obj) => v.name))
      for (const c of d.spec.template.spec.containers)
        for (const m of c.volumeMounts ?? []) expect(volumes, `volume ${m.name}`).toContain(m.name)
    })

  it.each(services.map((s) => [`${s.file} ${s.obj.metadata.name}`, s]))(
    'Service %s selects a Deployment in its file, on a port the container opens', (_l, svc) => {
      const { file, obj: s } = svc as Doc
      const selected = ofKind('Deployment', inFile(file)).filter((d) =>
        nsOf(d) === nsOf(s) &&
        Object.entries(s.spec.selector as Obj).every(([k, v]) => d.spec.template.metadata.labels?.[k] === v))
      expect(selected.length).toBeGreaterThan(0)
      // sleep and curl expose a nominal port 80 with nothing behind it, as upstream does
      if (NOMINAL_PORT.has(`${file} ${s.metadata.name}`)) return
      for (const p of s.spec.ports) {
        const target = p.targetPort ?? p.port
        const open = selected.some((d) => d.spec.template.spec.containers.some((c: Obj) =>
          (c.ports ?? []).some((cp: Obj) => cp.containerPort === target || cp.name === target)))
        expect(open, `port ${p.port} -> ${target}`).toBe(true)
      }
    })
})

describe('virtual services point at real services, ports and subsets', () => {
  const services = ofKind('Service')
  const rules = ofKind('DestinationRule')
  const gateways = docs.filter((d) => d.obj.kind === 'Gateway')
  const vss = docs.filter((d) => d.obj.kind === 'VirtualService')

  function findService(host: string, ns: string): Obj | undefined {
    const [name, hostNs = ns] = host.split('.')
    return services.find((s) => s.metadata.name === name && nsOf(s) === hostNs)
  }

  it.each(vss.map((v) => [`${v.file} ${v.obj.metadata.name}`, v]))('%s', (_l, v) => {
    const { file, obj: vs } = v as Doc
    for (const g of vs.spec.gateways ?? []) {
      expect(gateways.some((gd) => gd.file === file && gd.obj.metadata.name === g), `gateway ${g}`).toBe(true)
    }
    for (const http of vs.spec.http) {
      const routes: Obj[] = http.route
      if (routes.length > 1) expect(routes.reduce((n, r) => n + (r.weight ?? 0), 0)).toBe(100)
      for (const { destination: dst } of routes) {
        const svc = findService(dst.host, nsOf(vs))
        expect(svc, `service ${dst.host}`).toBeDefined()
        if (dst.port) expect(svc!.spec.ports.map((p: Obj) => p.port)).toContain(dst.port.number)
        if (dst.subset) {
          const dr = rules.filter((r) => r.spec.host === dst.host && nsOf(r) === nsOf(vs))
          expect(dr, `DestinationRule for ${dst.host}`).toHaveLength(1)
          expect(dr[0].spec.subsets.map((s: Obj) => s.name), `subset ${dst.subset}`).toContain(dst.subset)
        }
      }
    }
  })

  it.each(rules.map((r) => [r.metadata.name, r]))('DestinationRule %s names an existing service', (_l, r) => {
    expect(findService((r as Obj).spec.host, nsOf(r as Obj))).toBeDefined()
  })

  it.each(gateways.map((g) => [g.file, g.obj]))('Gateway in %s binds the ingress gateway on 8080 http', (_l, g) => {
    const gw = g as Obj
    expect(gw.spec.selector).toEqual({ istio: 'ingressgateway' })
    expect(gw.spec.servers).toEqual([{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }])
  })
})

const NET = 'bookinfo/networking/'
const subsetsOf = (file: string, name: string, rule = 0) =>
  one(NET + file, 'VirtualService', name).spec.http[rule].route.map((r: Obj) => [r.destination.subset, r.weight])
const jasonMatch = [{ headers: { 'end-user': { exact: 'jason' } } }]

describe('bookinfo networking facts', () => {
  it.each<[string, () => unknown, unknown]>([
    ['gateway VirtualService matches the product page paths',
      () => one(NET + 'bookinfo-gateway.yaml', 'VirtualService', 'bookinfo').spec.http[0].match,
      [{ uri: { exact: '/productpage' } }, { uri: { prefix: '/static' } }, { uri: { exact: '/login' } },
        { uri: { exact: '/logout' } }, { uri: { prefix: '/api/v1/products' } }]],
    ['gateway VirtualService routes to productpage:9080',
      () => one(NET + 'bookinfo-gateway.yaml', 'VirtualService', 'bookinfo').spec.http[0].route,
      [{ destination: { host: 'productpage', port: { number: 9080 } } }]],
    ['destination-rule-all subsets: reviews v1..v3',
      () => one(NET + 'destination-rule-all.yaml', 'DestinationRule', 'reviews').spec.subsets,
      ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } }))],
    ['destination-rule-all covers the four services',
      () => ofKind('DestinationRule', inFile(NET + 'destination-rule-all.yaml')).map((r) => r.spec.host).sort(),
      ['details', 'productpage', 'ratings', 'reviews']],
    ['all-v1 sends each service to v1',
      () => ofKind('VirtualService', inFile(NET + 'virtual-service-all-v1.yaml'))
        .map((v) => [v.metadata.name, v.spec.http.length, v.spec.http[0].route[0].destination.subset]).sort(),
      [['details', 1, 'v1'], ['productpage', 1, 'v1'], ['ratings', 1, 'v1'], ['reviews', 1, 'v1']]],
    ['test-v2 matches end-user exact jason',
      () => one(NET + 'virtual-service-reviews-test-v2.yaml', 'VirtualService', 'reviews').spec.http[0].match,
      jasonMatch],
    ['test-v2 sends jason to v2', () => subsetsOf('virtual-service-reviews-test-v2.yaml', 'reviews', 0), [['v2', undefined]]],
    ['test-v2 sends everyone else to v1',
      () => [one(NET + 'virtual-service-reviews-test-v2.yaml', 'VirtualService', 'reviews').spec.http[1].match,
        subsetsOf('virtual-service-reviews-test-v2.yaml', 'reviews', 1)],
      [undefined, [['v1', undefined]]]],
    ['50-v3 splits v1/v3 50/50', () => subsetsOf('virtual-service-reviews-50-v3.yaml', 'reviews'), [['v1', 50], ['v3', 50]]],
    ['reviews-v3 sends everything to v3', () => subsetsOf('virtual-service-reviews-v3.yaml', 'reviews'), [['v3', undefined]]],
    ['90-10 is a v1/v2 canary', () => subsetsOf('virtual-service-reviews-90-10.yaml', 'reviews'), [['v1', 90], ['v2', 10]]],
    ['90-10 weights sum to 100',
      () => subsetsOf('virtual-service-reviews-90-10.yaml', 'reviews').reduce((n: number, [, w]: [string, number]) => n + w, 0),
      100],
    ['delay matches jason',
      () => one(NET + 'virtual-service-ratings-test-delay.yaml', 'VirtualService', 'ratings').spec.http[0].match,
      jasonMatch],
    ['delay is a fixed 7s for 100%',
      () => one(NET + 'virtual-service-ratings-test-delay.yaml', 'VirtualService', 'ratings').spec.http[0].fault,
      { delay: { percentage: { value: 100 }, fixedDelay: '7s' } }],
    ['abort matches jason',
      () => one(NET + 'virtual-service-ratings-test-abort.yaml', 'VirtualService', 'ratings').spec.http[0].match,
      jasonMatch],
    ['abort is HTTP 500 for 100%',
      () => one(NET + 'virtual-service-ratings-test-abort.yaml', 'VirtualService', 'ratings').spec.http[0].fault,
      { abort: { percentage: { value: 100 }, httpStatus: 500 } }],
    ['fault files leave other users on ratings v1 without a fault',
      () => ['delay', 'abort'].map((f) => {
        const rule = one(NET + `virtual-service-ratings-test-${f}.yaml`, 'VirtualService', 'ratings').spec.http[1]
        return [rule.match, rule.fault, rule.route[0].destination.subset]
      }),
      [[undefined, undefined, 'v1'], [undefined, undefined, 'v1']]],
    ['networking manifests use networking.istio.io/v1',
      () => [...new Set(docs.filter((d) => d.file.startsWith(NET) || d.file.startsWith('httpbin/'))
        .filter((d) => d.obj.apiVersion.includes('istio.io')).map((d) => d.obj.apiVersion))],
      ['networking.istio.io/v1']],
  ])('%s', (_name, actual, expected) => {
    expect(actual()).toEqual(expected)
  })
})

describe('httpbin, fortio, sleep and curl facts', () => {
  const container = (file: string, name: string) => one(file, 'Deployment', name).spec.template.spec.containers[0]
  const fortioAnnotation = () => one('httpbin/sample-client/fortio-deploy.yaml', 'Deployment', 'fortio-deploy')
    .spec.template.metadata.annotations['proxy.istio.io/config']

  it.each<[string, () => unknown, unknown]>([
    ['httpbin Service 8000 -> 8080', () => one('httpbin/httpbin.yaml', 'Service', 'httpbin').spec.ports,
      [{ name: 'http', port: 8000, targetPort: 8080 }]],
    ['httpbin image', () => container('httpbin/httpbin.yaml', 'httpbin').image, 'docker.io/mccutchen/go-httpbin:v2.15.0'],
    ['httpbin runs as its ServiceAccount',
      () => [one('httpbin/httpbin.yaml', 'ServiceAccount', 'httpbin').metadata.name,
        one('httpbin/httpbin.yaml', 'Deployment', 'httpbin').spec.template.spec.serviceAccountName],
      ['httpbin', 'httpbin']],
    ['httpbin gateway routes to httpbin:8000',
      () => one('httpbin/httpbin-gateway.yaml', 'VirtualService', 'httpbin').spec.http[0].route,
      [{ destination: { host: 'httpbin', port: { number: 8000 } } }]],
    ['fortio Service on 8080', () => one('httpbin/sample-client/fortio-deploy.yaml', 'Service', 'fortio').spec.ports,
      [{ name: 'http', port: 8080 }]],
    ['fortio image', () => container('httpbin/sample-client/fortio-deploy.yaml', 'fortio-deploy').image,
      'fortio/fortio:latest_release'],
    ['fortio ports 8080 and 8079',
      () => container('httpbin/sample-client/fortio-deploy.yaml', 'fortio-deploy').ports.map((p: Obj) => p.containerPort),
      [8080, 8079]],
    ['fortio proxy config keeps the circuit-breaker stats', () => parseYaml(fortioAnnotation()),
      { proxyStatsMatcher: { inclusionPrefixes:
        ['cluster.outbound', 'cluster_manager', 'listener_manager', 'server', 'cluster.xds-grpc'] } }],
    ...(['sleep', 'curl'] as const).flatMap((n): [string, () => unknown, unknown][] => [
      [`${n} image and command`, () => {
        const c = container(`${n}/${n}.yaml`, n)
        return [c.image, c.command]
      }, ['curlimages/curl', ['/bin/sleep', 'infinity']]],
      [`${n} Service on port 80`, () => one(`${n}/${n}.yaml`, 'Service', n).spec.ports, [{ name: 'http', port: 80 }]],
      [`${n} runs as its ServiceAccount`,
        () => [one(`${n}/${n}.yaml`, 'ServiceAccount', n).metadata.name,
          one(`${n}/${n}.yaml`, 'Deployment', n).spec.template.spec.serviceAccountName], [n, n]],
    ]),
  ])('%s', (_name, actual, expected) => {
    expect(actual()).toEqual(expected)
  })
})

describe('addons', () => {
  const addonDocs = docs.filter((d) => d.file.startsWith('addons/'))
  const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding'])

  it('every namespaced addon object lives in istio-system', () => {
    const wrong = addonDocs.filter((d) => !CLUSTER_SCOPED.has(d.obj.kind) && d.obj.metadata.namespace !== 'istio-system')
    expect(wrong.map((d) => `${d.file} ${d.obj.kind}/${d.obj.metadata.name}`)).toEqual([])
  })

  it.each<[string, string, string, number, number]>([
    // file, service, app label, service port, target port
    ['addons/prometheus.yaml', 'prometheus', 'prometheus', 9090, 9090],
    ['addons/grafana.yaml', 'grafana', 'grafana', 3000, 3000],
    ['addons/jaeger.yaml', 'tracing', 'jaeger', 80, 16686],
    ['addons/jaeger.yaml', 'zipkin', 'jaeger', 9411, 9411],
    ['addons/jaeger.yaml', 'jaeger-collector', 'jaeger', 9411, 9411],
    ['addons/kiali.yaml', 'kiali', 'kiali', 20001, 20001],
  ])('%s: Service %s selects app=%s on %d -> %d', (file, svc, app, port, target) => {
    const s = one(file, 'Service', svc)
    expect(s.spec.selector).toEqual({ app })
    expect(s.spec.ports).toContainEqual(expect.objectContaining({ port, targetPort: target }))
    const d = one(file, 'Deployment', app)
    expect(d.metadata.labels.app).toBe(app)
    expect(d.spec.template.metadata.labels.app).toBe(app)
  })

  it('ClusterRoleBindings bind ServiceAccounts and ClusterRoles defined next to them', () => {
    for (const d of addonDocs.filter((x) => x.obj.kind === 'ClusterRoleBinding')) {
      const b = d.obj
      one(d.file, 'ClusterRole', b.roleRef.name)
      for (const s of b.subjects) expect(one(d.file, 'ServiceAccount', s.name).metadata.namespace).toBe(s.namespace)
    }
  })
})
