// Mesh control-plane compile time (issue 4 target: per-proxy config for 50 services and
// 200 Istio resources in under 100 ms). Builds the state with the real store and
// controllers, then times compileMesh plus every proxy's config after a config change.
// The engine's schema packages are ESM-only: bundle and run it like bench/sim-session.ts:
//   npx esbuild bench/mesh-compile.ts --bundle --platform=node --format=esm --packages=external --outfile=dist/bench-mesh.mjs && node dist/bench-mesh.mjs
import { createSimSession, type SimSession } from '../lab-engine/sim/session'
import { compileMesh } from '../lab-engine/mesh/control/compile'

const SERVICES = 50
const NAMESPACES = 5
const RUNS = 30

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function svcManifests(i: number): string {
  const ns = `ns${i % NAMESPACES}`
  const name = `svc${i}`
  return `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}, labels: {app: ${name}}}
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: 8000, targetPort: 8080}, {name: tcp-db, port: 5432}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}-v1, namespace: ${ns}}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}, version: v1}}
  template:
    metadata: {labels: {app: ${name}, version: v1}}
    spec: {containers: [{name: app, image: docker.io/kennethreitz/httpbin, ports: [{containerPort: 8080}]}]}
---
`
}

/** 200 Istio resources: 50 DestinationRules, 80 VirtualServices, 50 ServiceEntries, 10 Gateways, 10 Sidecars. */
function istioManifests(): string {
  const out: string[] = []
  for (let i = 0; i < 50; i++) {
    out.push(`apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: dr${i}, namespace: ns${i % NAMESPACES}}\nspec:\n  host: svc${i}\n  trafficPolicy: {connectionPool: {tcp: {maxConnections: 10}}}\n  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]\n`)
    out.push(`apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: se${i}, namespace: ns${i % NAMESPACES}}\nspec:\n  hosts: [ext${i}.example.com]\n  location: MESH_EXTERNAL\n  resolution: DNS\n  ports: [{number: 443, name: tls, protocol: TLS}, {number: 80, name: http, protocol: HTTP}]\n`)
  }
  for (let i = 0; i < 80; i++) {
    const host = `svc${i % SERVICES}.ns${(i % SERVICES) % NAMESPACES}.svc.cluster.local`
    const gw = i >= 50 ? `  gateways: [istio-system/gw${i % 10}]\n  hosts: [app${i}.example.com]\n` : `  hosts: [${host}]\n`
    out.push(`apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs${i}, namespace: ns${i % NAMESPACES}}\nspec:\n${gw}  http:\n  - match: [{headers: {end-user: {exact: jason}}}]\n    route: [{destination: {host: ${host}, subset: v2}}]\n  - match: [{uri: {prefix: /api}}]\n    timeout: 2s\n    retries: {attempts: 3, perTryTimeout: 1s}\n    route: [{destination: {host: ${host}, subset: v1}, weight: 90}, {destination: {host: ${host}, subset: v2}, weight: 10}]\n  - route: [{destination: {host: ${host}, subset: v1}}]\n`)
  }
  for (let i = 0; i < 10; i++) {
    out.push(`apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw${i}, namespace: istio-system}\nspec:\n  selector: {istio: ingressgateway}\n  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*.example.com"]}]\n`)
    out.push(`apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: sc${i}, namespace: ns${i % NAMESPACES}}\nspec:\n  workloadSelector: {labels: {app: svc${i}}}\n  egress: [{hosts: ["./*", "istio-system/*"]}]\n`)
  }
  return out.join('---\n')
}

async function setup(): Promise<SimSession> {
  const files = { 'svcs.yaml': Array.from({ length: SERVICES }, (_, i) => svcManifests(i)).join(''), 'istio.yaml': istioManifests() }
  const session = createSimSession({ seed: 1, files })
  const nss = Array.from({ length: NAMESPACES }, (_, i) => `kubectl create namespace ns${i}\nkubectl label namespace ns${i} istio-injection=enabled`).join('\n')
  const results = await session.run(`istioctl install --set profile=demo -y\n${nss}\nkubectl apply -f svcs.yaml\nkubectl apply -f istio.yaml\n${Array.from({ length: NAMESPACES }, (_, i) => `kubectl wait --for=condition=Ready pods --all -n ns${i} --timeout=300s`).join('\n')}`)
  const failed = results.find((r) => r.exitCode !== 0)
  if (failed) throw new Error(`${failed.command}: ${failed.stderr}`)
  return session
}

async function main() {
  const session = await setup()
  const times: number[] = []
  const cpu: number[] = []
  let proxies = 0
  for (let i = 0; i < RUNS + 5; i++) {
    session.store.mutate({ kind: 'ConfigMap', name: 'istio', namespace: 'istio-system' }, (cm) => { cm.metadata.annotations = { 'bench/run': String(i) } })
    const t = performance.now()
    const c = process.cpuUsage()
    const snap = compileMesh(session.store)
    for (const p of snap.proxies()) snap.forPod(p.namespace, p.pod)
    const used = process.cpuUsage(c)
    const ms = performance.now() - t
    proxies = snap.proxies().length
    if (i >= 5) { // the first runs warm up the JIT
      times.push(ms)
      cpu.push((used.user + used.system) / 1000)
    }
  }
  session.dispose()
  const m = median(times)
  const name = `mesh compile: ${SERVICES} svcs, 200 Istio resources, ${proxies} proxies (median of ${RUNS})`
  // CPU time is printed too: on a shared machine wall time includes waiting for a core.
  console.log(`${name.padEnd(44)} ${`${m.toFixed(1)} ms`.padEnd(11)}(cpu ${median(cpu).toFixed(1)} ms) target < 100 ms ${m < 100 ? 'MET' : 'MISSED'}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
