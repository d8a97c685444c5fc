// kubectl explain: the documented kinds and fields, checked against the schema packages' type declarations.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TYPES } from './explain-fields'
import { run } from './script.test-util'

describe('kubectl explain', () => {
  it('prints a field with its type and description, and the fields below it', async () => {
    const out = await run('kubectl explain deployments.spec.replicas\nkubectl explain pods.spec.containers')
    expect(out).toContain(`$ kubectl explain deployments.spec.replicas
GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: replicas <integer>

DESCRIPTION:
    Number of desired pods. A pointer to tell an explicit zero from unset.
    Defaults to 1.
    
$ kubectl explain pods.spec.containers
KIND:       Pod
VERSION:    v1

FIELD: containers <[]Container>

DESCRIPTION:
`)
    expect(out).toContain('FIELDS:\n  args\t<[]string>\n')
    expect(out).toContain('  name\t<string> -required-\n    The name of the container')
  })

  it('shows enums, Istio CRD fields, and kubectl\'s errors', async () => {
    const out = await run(`kubectl explain svc.spec.type
kubectl explain pa.spec.mtls.mode
istioctl install -y >/dev/null 2>&1
kubectl explain peerauthentications.spec.mtls.mode
kubectl explain virtualservices.spec.http
kubectl explain pods.spec.nope
kubectl explain nothings`)
    expect(out).toContain('FIELD: type <string>\nENUM:\n    ClusterIP\n    ExternalName\n    LoadBalancer\n    NodePort\n')
    expect(out).toContain(`$ kubectl explain pa.spec.mtls.mode\n! error: the server doesn't have a resource type "pa"`)
    expect(out).toContain('GROUP:      security.istio.io\nKIND:       PeerAuthentication\nVERSION:    v1\n\nFIELD: mode <string>\nENUM:\n    UNSET\n    DISABLE\n    PERMISSIVE\n    STRICT\n')
    expect(out).toContain('FIELD: http <[]Object>')
    expect(out).toContain('  route\t<[]Object>\n')
    expect(out).toContain('! error: field "nope" does not exist')
    expect(out).toContain('! error: the server doesn\'t have a resource type "nothings"')
  })

  it('--recursive prints the documented field tree', async () => {
    const out = await run('kubectl explain deployments.spec --recursive')
    expect(out).toContain('FIELDS:\n  minReadySeconds\t<integer>\n  paused\t<boolean>\n  replicas\t<integer>\n')
    expect(out).toContain('  template\t<PodTemplateSpec> -required-\n')
  })

  it('documents only fields the schema packages declare', () => {
    const require = createRequire(import.meta.url)
    for (const [name, type] of Object.entries(TYPES)) {
      expect(type.source, name).toBeDefined()
      const [pkg, ...rest] = type.source!.startsWith('@') ? [type.source!.split('/').slice(0, 2).join('/'), ...type.source!.split('/').slice(2)] : type.source!.split('/')
      const root = path.dirname(require.resolve(`${pkg}/package.json`))
      const dts = readFileSync(path.join(root, ...rest), 'utf8')
      for (const field of Object.keys(type.fields)) expect(dts, `${name}.${field}`).toMatch(new RegExp(`"${field}"\\??:`))
    }
  })
})
