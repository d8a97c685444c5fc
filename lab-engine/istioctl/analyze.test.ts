import { describe, expect, it } from 'vitest'
import { harness } from './harness.test-util'

const VS_WITH_GATEWAY = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
spec:
  hosts: [web]
  gateways: [missing-gw, mesh]
  http:
  - route:
    - destination: {host: nosuch}
  - route:
    - destination: {host: web, subset: v2}
`
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080}
`
const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: web
spec:
  host: web.default.svc.cluster.local
  subsets:
  - name: v2
    labels: {version: v2}
`

async function installed() {
  const h = harness()
  h.session.vfs.writeFile('/home/learner/svc.yaml', SERVICE)
  await h.sh('istioctl install -y >/dev/null\nkubectl apply -f svc.yaml >/dev/null')
  expect(h.session.store.get({ kind: 'Service', apiVersion: 'v1', namespace: 'default', name: 'web' })).toBeDefined()
  return h
}

describe('istioctl analyze', () => {
  it('reports the unlabelled namespace as Info, exit 0', async () => {
    const h = await installed()
    const r = await h.istioctl(['analyze'])
    expect(r).toEqual({ code: 0, stderr: '', stdout: "Info [IST0102] (Namespace default) The namespace is not enabled for Istio injection. Run 'kubectl label namespace default istio-injection=enabled' to enable it, or 'kubectl label namespace default istio-injection=disabled' to explicitly mark it as not needing injection.\n" })
  })

  it('finds missing gateway, host and subset references, exits 79, and a DestinationRule from a file fixes the subset', async () => {
    const h = await installed()
    h.session.vfs.writeFile('/home/learner/vs.yaml', VS_WITH_GATEWAY)
    h.session.vfs.writeFile('/home/learner/dr.yaml', DR)
    await h.sh('kubectl label ns default istio-injection=enabled >/dev/null\nkubectl apply -f vs.yaml >/dev/null')
    expect(h.session.store.list({ kind: 'VirtualService' })).toHaveLength(1)
    const r = await h.istioctl(['analyze'])
    expect(r.code).toBe(79)
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'Error [IST0101] (VirtualService default/web) Referenced gateway not found: "missing-gw"',
      'Error [IST0101] (VirtualService default/web) Referenced host not found: "nosuch"',
      'Error [IST0101] (VirtualService default/web) Referenced host+subset in destinationrule not found: "web+v2"',
    ])
    expect(r.stderr).toBe('Error: Analyzers found issues when analyzing namespace: default.\nSee https://istio.io/v1.26/docs/reference/config/analysis for more information about causes and resolutions.\n')
    const withFile = await h.istioctl(['analyze', 'dr.yaml'])
    expect(withFile.stdout).not.toContain('web+v2')
    expect(withFile.stdout).toContain('missing-gw')
  })

  it('names the file and line of objects read from files, and reports schema errors', async () => {
    const h = await installed()
    h.session.vfs.writeFile('/home/learner/bad.yaml', `---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: bad\nspec:\n  http:\n  - route:\n    - destination: {host: web}\n`)
    const r = await h.istioctl(['analyze', '-f', 'bad.yaml', '--output-threshold', 'Error'])
    expect(r.code).toBe(79)
    // Messages sort by level, then code, then resource (istio's diag.Messages sort).
    expect(r.stdout).toBe('Error [IST0106] (VirtualService default/bad bad.yaml:2) Schema validation error: virtual service must have at least one host\n')
  })

  it('-A names all namespaces; Warning for pods created before labelling', async () => {
    const h = await installed()
    await h.sh('kubectl run early --image=nginx >/dev/null\nkubectl label ns default istio-injection=enabled >/dev/null\nkubectl create ns quiet >/dev/null\nkubectl label ns quiet istio-injection=disabled >/dev/null')
    const r = await h.istioctl(['analyze', '-A'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('Warning [IST0103] (Pod default/early) The pod default/early is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.\n')
    expect((await h.istioctl(['analyze', '-n', 'quiet'])).stdout).toBe('✔ No validation issues found when analyzing namespace: quiet.\n')
    expect((await h.istioctl(['analyze', '--failure-threshold', 'Warning', '-A'])).code).toBe(79)
  })

  it('refuses a bad threshold and a missing file', async () => {
    const h = await installed()
    expect((await h.istioctl(['analyze', '--output-threshold', 'Loud'])).stderr).toBe("Error: invalid --output-threshold 'Loud' (valid values: [Error Warning Info])\n")
    expect((await h.istioctl(['analyze', 'nope.yaml'])).stderr).toBe('Error: open nope.yaml: no such file or directory\n')
  })
})

describe('IST0118', () => {
  it('reports service ports whose names carry no protocol prefix', async () => {
    const h = await installed()
    await h.sh('kubectl label ns default istio-injection=enabled >/dev/null\nkubectl run api --image=nginx --port=8080 >/dev/null\nkubectl expose pod api --port=80 --target-port=8080 >/dev/null')
    const r = await h.istioctl(['analyze'])
    expect(r).toMatchObject({ code: 0, stdout: "Info [IST0118] (Service default/api) Port name  (port: 80, targetPort: 8080) doesn't follow the naming convention of Istio port.\n" })
  })
})

describe('IST0108', () => {
  it('warns about a misspelt istio.io annotation, not about the ones injection adds', async () => {
    const h = await installed()
    await h.sh('kubectl label ns default istio-injection=enabled >/dev/null\nkubectl run ok --image=nginx >/dev/null\nkubectl run typo --image=nginx >/dev/null\nkubectl annotate pod typo sidecar.istio.io/injet=false >/dev/null')
    const r = await h.istioctl(['analyze'])
    expect(r).toMatchObject({ code: 0, stdout: 'Warning [IST0108] (Pod default/typo) Unknown annotation: sidecar.istio.io/injet\n' })
  })
})

describe('Gateway selector', () => {
  it('IST0101 when no pod carries the selected labels (no ingress gateway installed)', async () => {
    const h = harness()
    h.session.vfs.writeFile('/home/learner/gw.yaml', 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ["*"]\n')
    await h.sh('istioctl install -y --set profile=minimal >/dev/null\nkubectl label ns default istio-injection=enabled >/dev/null\nkubectl apply -f gw.yaml >/dev/null')
    expect((await h.istioctl(['analyze'])).stdout).toBe('Error [IST0101] (Gateway default/gw) Referenced selector not found: "istio=ingressgateway"\n')
    await h.sh('istioctl install -y --set profile=default >/dev/null')
    expect((await h.istioctl(['analyze'])).stdout).toBe('✔ No validation issues found when analyzing namespace: default.\n')
  })
})
