// kubectl patch: strategic, merge and JSON patches on live objects; failures change nothing.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSimSession } from '../../sim/session'
import { jsonPatch } from './json-patch'
import { mergePatch, strategicMergePatch } from './merge-patch'
import { DEPLOY_AND_SERVICE, run } from './script.test-util'

const SETUP = `cat > /tmp/app.yaml <<'EOF'
${DEPLOY_AND_SERVICE}EOF
kubectl apply -f /tmp/app.yaml >/dev/null`

describe('merge patch algorithms', () => {
  it('RFC 7386: null deletes, maps merge, lists replace', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { a: null, b: { c: 5 }, l: [3] })).toEqual({ b: { c: 5, d: 3 }, l: [3] })
  })
  it('strategic merge merges containers by name and ports by containerPort', () => {
    const live = { spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'y' }] } }
    const out = strategicMergePatch(live, { spec: { containers: [{ name: 'b', image: 'z' }, { name: 'c', image: 'w' }, { name: 'a', ports: [{ containerPort: 81 }] }] } })
    expect(out).toEqual({ spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }, { containerPort: 81 }] }, { name: 'b', image: 'z' }, { name: 'c', image: 'w' }] } })
  })
  it('strategic merge merges volumeMounts by mountPath and env by name', () => {
    const live = { containers: [{ name: 'a', volumeMounts: [{ name: 'v', mountPath: '/a' }], env: [{ name: 'X', value: '1' }] }] }
    const out = strategicMergePatch(live, { containers: [{ name: 'a', volumeMounts: [{ name: 'v', mountPath: '/b' }], env: [{ name: 'X', value: '2' }] }] })
    expect(out).toEqual({ containers: [{ name: 'a', volumeMounts: [{ name: 'v', mountPath: '/a' }, { name: 'v', mountPath: '/b' }], env: [{ name: 'X', value: '2' }] }] })
  })
  it('strategic merge honours $patch: delete on a list element', () => {
    expect(strategicMergePatch({ spec: { volumes: [{ name: 'v' }, { name: 'w' }] } }, { spec: { volumes: [{ name: 'v', $patch: 'delete' }] } })).toEqual({ spec: { volumes: [{ name: 'w' }] } })
  })
  it('JSON patch runs add/remove/replace/move/copy/test in order', () => {
    const doc = { a: [1, 2], b: { c: 1 } }
    expect(jsonPatch(doc, [
      { op: 'add', path: '/a/-', value: 3 }, { op: 'remove', path: '/a/0' }, { op: 'replace', path: '/b/c', value: 9 },
      { op: 'copy', from: '/b', path: '/d' }, { op: 'move', from: '/b/c', path: '/e' }, { op: 'test', path: '/e', value: 9 },
    ])).toEqual({ a: [2, 3], b: {}, d: { c: 9 }, e: 9 })
    expect(doc).toEqual({ a: [1, 2], b: { c: 1 } })
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/b/c', value: 2 }])).toThrow('test failed')
    expect(() => jsonPatch(doc, [{ op: 'replace', path: '/x', value: 2 }])).toThrow('doc is missing key: /x')
  })
})

describe('kubectl patch', () => {
  it('scales with a strategic patch, reports no change, and sets an image by container name', async () => {
    const out = await run(`${SETUP}
kubectl patch deployment web -p '{"spec":{"replicas":3}}'
kubectl patch deploy/web -p '{"spec":{"replicas":3}}'
kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}'
kubectl get deploy web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[*].image} {.spec.template.spec.containers[0].ports[0].containerPort}'`)
    expect(out).toContain('$ kubectl patch deployment web -p \'{"spec":{"replicas":3}}\'\ndeployment.apps/web patched\n')
    expect(out).toContain('deployment.apps/web patched (no change)\n')
    expect(out).toContain('3 nginx:1.28 80')
  })

  it('JSON patch and merge patch on a service; a failing JSON patch changes nothing', async () => {
    const out = await run(`${SETUP}
kubectl patch svc web --type=json -p '[{"op":"replace","path":"/spec/type","value":"NodePort"}]'
kubectl patch svc web --type json -p '[{"op":"remove","path":"/spec/nope"}]'
kubectl patch svc web --type merge -p '{"metadata":{"labels":{"tier":"front"}}}'
kubectl get svc web -o jsonpath='{.spec.type} {.metadata.labels.tier}'`)
    expect(out).toContain('service/web patched\n')
    expect(out).toContain('! Error from server: jsonpatch remove operation does not apply: doc is missing key: /spec/nope\n[exit 1]')
    expect(out).toContain('NodePort front')
  })

  it('prints the patched object with -o', async () => {
    const out = await run(`${SETUP}
kubectl patch deploy web -p '{"spec":{"replicas":5}}' -o name
kubectl patch deploy web -p '{"spec":{"replicas":4}}' -o yaml | grep '^  replicas'
kubectl patch deploy web -p '{}' -o wide`)
    expect(out).toContain("-o name\ndeployment.apps/web\n")
    expect(out).toContain("grep '^  replicas'\n  replicas: 4\n")
    expect(out).toContain('! error: unable to match a printer suitable for the output format "wide", allowed formats are: json,name,yaml')
  })

  it('finds its targets with -f and refuses strategic patches on Istio kinds', async () => {
    const out = await run(`${SETUP}
kubectl patch -f /tmp/app.yaml -p '{"metadata":{"labels":{"patched":"yes"}}}'
kubectl get deploy,svc -l patched=yes -o name
istioctl install -y >/dev/null 2>&1
printf 'apiVersion: networking.istio.io/v1\\nkind: VirtualService\\nmetadata:\\n  name: web\\nspec:\\n  hosts: [web]\\n  http:\\n  - route:\\n    - destination: {host: web}\\n' | kubectl apply -f - >/dev/null
kubectl patch vs web -p '{"spec":{"hosts":["web2"]}}'
kubectl patch vs web --type=merge -p '{"spec":{"hosts":["web2"]}}'`)
    expect(out).toContain('deployment.apps/web patched\nservice/web patched\n')
    expect(out).toContain('deployment.apps/web\nservice/web\n')
    expect(out).toContain('! Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml')
    expect(out).toContain('virtualservice.networking.istio.io/web patched\n')
  })

  it('gives kubectl\'s errors for bad input', async () => {
    const out = await run(`${SETUP}
kubectl patch deploy web
kubectl patch deploy web --type=xml -p '{}'
kubectl patch deploy nope -p '{"spec":{}}'
kubectl patch deploy web -p '{"spec":{"replicass":2}}'
kubectl patch deploy web -p '{bad'`)
    expect(out).toContain('! error: must specify -p to patch')
    expect(out).toContain('! error: --type must be one of [json merge strategic], not "xml"')
    expect(out).toContain('! Error from server (NotFound): deployments.apps "nope" not found')
    expect(out).toMatch(/! Error from server \(BadRequest\): .*unknown field "spec.replicass"/)
    expect(out).toContain('! error: unable to parse "{bad": yaml: did not find expected node content')
  })

  it('random patches never throw and leave the store unchanged when the command fails', async () => {
    const session = createSimSession({ seed: 3 })
    try {
      await session.shell.run(`cat > /tmp/app.yaml <<'EOF'\n${DEPLOY_AND_SERVICE}EOF\nkubectl apply -f /tmp/app.yaml`, { stdin: '', stdout: { write: () => {} }, stderr: { write: () => {} } })
      const value = fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 5 }), fc.constantFrom('x', 'NodePort', 'nginx'), fc.constant({}), fc.constant([]))
      const key = fc.constantFrom('spec', 'replicas', 'type', 'metadata', 'labels', 'containers', 'image', 'name', 'ports', 'x')
      const body = fc.oneof(
        fc.dictionary(key, fc.oneof(value, fc.dictionary(key, value, { maxKeys: 3 })), { maxKeys: 3 }).map((d) => JSON.stringify(d)),
        fc.array(fc.record({ op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus'), path: fc.constantFrom('/spec/replicas', '/spec/x', '/metadata/labels/a', '/spec/template/spec/containers/0/image', '', '/kind'), from: fc.constantFrom('/spec', '/metadata/name'), value }), { maxLength: 3 }).map((a) => JSON.stringify(a)),
        fc.string({ maxLength: 20 }),
      )
      await fc.assert(fc.asyncProperty(fc.constantFrom('deploy web', 'svc web', 'pod nope'), fc.constantFrom('strategic', 'merge', 'json'), body, async (target, type, patch) => {
        const before = JSON.stringify(session.store.snapshot())
        const quoted = `'${patch.replace(/'/g, `'\\''`)}'`
        const code = await session.shell.run(`kubectl patch ${target} --type=${type} -p ${quoted}`, { stdin: '', stdout: { write: () => {} }, stderr: { write: () => {} } })
        expect([0, 1]).toContain(code)
        if (code !== 0) expect(JSON.stringify(session.store.snapshot())).toBe(before)
      }), { numRuns: 150, seed: 5 })
    } finally {
      session.dispose()
    }
  })
})
