import fc from 'fast-check'
import { parse as parseYaml, parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import { harness } from './harness.test-util'
import { injectObject } from './kube-inject'

const deployment = (annotations?: Record<string, string>) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' },
  spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' }, ...(annotations ? { annotations } : {}) }, spec: { containers: [{ name: 'api', image: 'nginx' }] } } },
})

type Template = { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: { containers: { name: string }[]; initContainers?: { name: string }[] } }

describe('injectObject', () => {
  it('adds the sidecar to a Deployment template and leaves the input alone', () => {
    const input = deployment()
    const out = injectObject(input) as { spec: { template: Template }; status: unknown }
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['api', 'istio-proxy'])
    expect(out.spec.template.spec.initContainers!.map((c) => c.name)).toEqual(['istio-init'])
    expect(out.spec.template.metadata.labels['service.istio.io/canonical-name']).toBe('api')
    expect(out.status).toEqual({})
    expect(input.spec.template.spec.containers).toHaveLength(1)
  })

  it('skips templates that opt out, and passes kinds without pods through', () => {
    const out = injectObject(deployment({ 'sidecar.istio.io/inject': 'false' })) as { spec: { template: Template } }
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['api'])
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } }
    expect(injectObject(svc)).toBe(svc)
  })

  it('injects a CronJob through its job template', () => {
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } } }
    const out = injectObject(cron) as { spec: { jobTemplate: { spec: { template: Template } } } }
    expect(out.spec.jobTemplate.spec.template.spec.containers.map((c) => c.name)).toEqual(['c', 'istio-proxy'])
  })
})

describe('istioctl kube-inject', () => {
  it('prints every document, injected, --- separated, from a file or stdin', async () => {
    const h = harness()
    await h.sh('istioctl install -y --set profile=minimal >/dev/null')
    const text = `apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec: {ports: [{port: 80}]}\n---\n${JSON.stringify(deployment())}\n`
    h.session.vfs.writeFile('/home/learner/app.yaml', text)
    const fromFile = await h.istioctl(['kube-inject', '-f', 'app.yaml'])
    const fromStdin = await h.istioctl(['kube-inject', '-f', '-'], { stdin: text })
    expect(fromStdin).toEqual(fromFile)
    expect(fromFile.code).toBe(0)
    const docs = parseAllDocuments(fromFile.stdout).map((d) => d.toJSON())
    expect(docs.map((d) => d.kind)).toEqual(['Service', 'Deployment'])
    expect(docs[1].spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['api', 'istio-proxy'])
    expect(parseYaml(fromFile.stdout.split('---\n')[0]!).metadata.name).toBe('api')
  })

  it('needs -f and an installed Istio', async () => {
    const h = harness()
    expect((await h.istioctl(['kube-inject'])).stderr).toBe('Error: filename not specified (see --filename or -f)\n')
    expect((await h.istioctl(['kube-inject', '-f', '-'], { stdin: 'kind: Pod' })).stderr).toMatch(/^Error: could not read valid configmap "istio" from namespace "istio-system"/)
  })
})

describe('kube-inject on arbitrary documents', () => {
  it('prints every document back (same kinds, same order) or an error, and never crashes', async () => {
    const h = harness()
    await h.sh('istioctl install -y --set profile=minimal >/dev/null')
    const doc = fc.record({
      apiVersion: fc.constantFrom('v1', 'apps/v1', 'batch/v1'),
      kind: fc.oneof(fc.constantFrom('Pod', 'Deployment', 'CronJob', 'Service', 'Job'), fc.string({ maxLength: 4 })),
      metadata: fc.oneof(fc.record({ name: fc.string({ maxLength: 5 }) }), fc.anything({ maxDepth: 2 })),
      spec: fc.anything({ maxDepth: 4 }),
    }, { requiredKeys: ['kind'] })
    await fc.assert(fc.asyncProperty(fc.array(doc, { minLength: 1, maxLength: 3 }), async (docs) => {
      const r = await h.istioctl(['kube-inject', '-f', '-'], { stdin: docs.map((d) => JSON.stringify(d)).join('\n---\n') })
      expect([0, 1]).toContain(r.code)
      if (r.code === 0) expect(parseAllDocuments(r.stdout).map((d) => d.toJSON()?.kind)).toEqual(docs.map((d) => d.kind))
    }), { numRuns: 150 })
  }, 60_000)
})

describe('istioctl kube-inject -o', () => {
  it('writes the injected manifest to a file instead of stdout', async () => {
    const h = harness()
    await h.sh('istioctl install -y --set profile=minimal >/dev/null')
    h.session.vfs.writeFile('/home/learner/app.yaml', JSON.stringify(deployment()))
    const printed = await h.istioctl(['kube-inject', '-f', 'app.yaml'])
    const written = await h.istioctl(['kube-inject', '-f', 'app.yaml', '-o', 'out.yaml'])
    expect(written).toMatchObject({ code: 0, stdout: '', stderr: '' })
    expect(h.session.vfs.readFile('/home/learner/out.yaml')).toBe(printed.stdout)
    await h.istioctl(['kube-inject', '--filename=app.yaml', '--output', '/tmp/again.yaml'])
    expect(h.session.vfs.readFile('/tmp/again.yaml')).toBe(printed.stdout)
    expect(await h.sh('istioctl kube-inject -f app.yaml -o out.yaml && kubectl apply -f out.yaml')).toContain('deployment.apps/api created')
  })

  it('fails as os.Create does, and leaves an empty file when injection cannot run or -o names the input', async () => {
    const h = harness()
    h.session.vfs.writeFile('/home/learner/app.yaml', JSON.stringify(deployment()))
    expect((await h.istioctl(['kube-inject', '-f', 'app.yaml', '-o', 'nodir/out.yaml'])).stderr).toBe('Error: open nodir/out.yaml: no such file or directory\n')
    expect((await h.istioctl(['kube-inject', '-f', 'missing.yaml', '-o', 'out.yaml'])).stderr).toBe('Error: open missing.yaml: no such file or directory\n')
    expect(h.session.vfs.isFile('/home/learner/out.yaml')).toBe(false)
    const noIstio = await h.istioctl(['kube-inject', '-f', 'app.yaml', '-o', 'out.yaml'])
    expect(noIstio.stderr).toMatch(/^Error: could not read valid configmap "istio"/)
    expect(h.session.vfs.readFile('/home/learner/out.yaml')).toBe('')
    await h.sh('istioctl install -y --set profile=minimal >/dev/null')
    expect((await h.istioctl(['kube-inject', '-f', 'app.yaml', '-o', './app.yaml'])).code).toBe(0)
    expect(h.session.vfs.readFile('/home/learner/app.yaml')).toBe('')
  })
})
