// kubectl create secret generic/tls/docker-registry and create --dry-run=client.
import { describe, expect, it } from 'vitest'
import { base64 } from './create-secret'
import { run } from './script.test-util'

describe('kubectl create secret', () => {
  it('generic: literals and files are base64-encoded under their keys', async () => {
    const out = await run(`printf 's3cr3t' > /tmp/pw.txt
mkdir /tmp/d && printf 'a' > /tmp/d/one && printf 'bb' > /tmp/d/two
kubectl create secret generic db --from-literal=user=admin --from-file=/tmp/pw.txt --from-file=alt=/tmp/pw.txt
kubectl create secret generic dir --from-file=/tmp/d
kubectl get secret db -o jsonpath='{.type} {.data.user} {.data.pw\\.txt} {.data.alt}'
kubectl get secret dir -o jsonpath='{.data.one} {.data.two}'
kubectl create secret generic bad --from-file=/tmp/missing
kubectl create secret generic dup --from-literal=a=1 --from-literal=a=2
kubectl create secret generic`)
    expect(out).toContain('secret/db created\n')
    expect(out).toContain(`Opaque ${base64('admin')} ${base64('s3cr3t')} ${base64('s3cr3t')}`)
    expect(out).toContain(`${base64('a')} ${base64('bb')}`)
    expect(out).toContain('! error: stat /tmp/missing: no such file or directory')
    expect(out).toContain('! error: cannot add key a, another key by that name already exists in Data for Secret "dup"')
    expect(out).toContain('! error: exactly one NAME is required, got 0')
  })

  it('without a type prints the help of create secret and exits 0; an unknown type is an error', async () => {
    const out = await run('kubectl create secret\nkubectl create secret opaque x')
    expect(out).toContain('$ kubectl create secret\nCreate a secret with specified type.\n')
    expect(out).toContain('Available Commands:\n  docker-registry   Create a secret for use with a Docker registry\n')
    expect(out).toContain('! error: unknown command "opaque" for "kubectl create secret"')
  })

  it('tls and docker-registry set their types and keys', async () => {
    const out = await run(`cat > /tmp/c.pem <<'PEM'
-----BEGIN CERTIFICATE-----
MIIB
-----END CERTIFICATE-----
PEM
cat > /tmp/k.pem <<'PEM'
-----BEGIN PRIVATE KEY-----
MIIE
-----END PRIVATE KEY-----
PEM
kubectl create secret tls web-tls --cert=/tmp/c.pem --key=/tmp/k.pem
kubectl get secret web-tls -o jsonpath='{.type} {.data.tls\\.crt}'
kubectl create secret tls nokey --cert=/tmp/c.pem
kubectl create secret tls swapped --cert=/tmp/k.pem --key=/tmp/c.pem
kubectl create secret docker-registry reg --docker-username=u --docker-password=p
kubectl get secret reg -o jsonpath='{.type}'
kubectl create secret docker-registry reg2`)
    expect(out).toContain('secret/web-tls created\n')
    expect(out).toContain(`kubernetes.io/tls ${base64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')}`)
    expect(out).toContain('! error: key and cert must be specified')
    expect(out).toContain('! error: tls: failed to find any PEM data in certificate input')
    expect(out).toContain('secret/reg created\n')
    expect(out).toContain('kubernetes.io/dockerconfigjson')
    expect(out).toContain('! error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required')
  })

  it('--dry-run=client -o yaml prints the manifest and creates nothing', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27 --dry-run=client -o yaml
kubectl create secret generic s --from-literal=k=v --dry-run=client
kubectl create configmap c --from-literal=k=v --dry-run=client -o yaml
kubectl create ns x --dry-run=bogus
kubectl get deploy,secret,cm`)
    expect(out).toContain(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        name: nginx
        resources: {}
status: {}
`)
    expect(out).toContain('secret/s created (dry run)\n')
    expect(out).toContain('apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: c\n')
    expect(out).toContain('! error: Invalid dry-run value (bogus). Must be "none", "server", or "client".')
    expect(out).not.toContain('web   ')
  })
})
