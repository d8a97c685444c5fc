// kubectl describe for the core kinds beyond pods/deployments/services, and the generic describer for CRD kinds.
import { describe, expect, it } from 'vitest'
import { goValue, smartLabelFor } from './describe-generic'
import { run } from './script.test-util'

describe('kubectl describe (more kinds)', () => {
  it('an injected pod lists istio-init under Init Containers, terminated with Completed', async () => {
    const out = await run(`istioctl install --set profile=minimal -y >/dev/null
kubectl label ns default istio-injection=enabled >/dev/null
kubectl run web --image=nginx >/dev/null
kubectl wait --for=condition=Ready pod/web >/dev/null
kubectl describe pod web`)
    const init = out.slice(out.indexOf('Init Containers:'), out.indexOf('\nContainers:'))
    expect(init).toMatch(/^Init Containers:\n  istio-init:\n    Container ID:  containerd:\/\/[0-9a-f]{64}\n    Image:         docker.io\/istio\/proxyv2:1.26.2\n/)
    expect(init).toMatch(/\n    State:          Terminated\n      Reason:       Completed\n      Exit Code:    0\n      Started:      .+\n      Finished:     .+\n    Ready:          True\n    Restart Count:  0\n/)
    expect(out.slice(out.indexOf('\nContainers:'))).toMatch(/\nContainers:\n  web:\n[\s\S]*\n  istio-proxy:\n[\s\S]*State:          Running/)
    // A pod without init containers has no such section.
    expect(await run('kubectl run plain --image=nginx -n kube-public >/dev/null\nkubectl describe pod plain -n kube-public')).not.toContain('Init Containers:')
  })

  it('namespace, configmap and secret (values hidden)', async () => {
    const out = await run(`kubectl describe ns default
kubectl create configmap cfg --from-literal=color=blue >/dev/null
kubectl describe cm cfg
kubectl create secret generic pw --from-literal=password=hello --from-literal=user=ab >/dev/null
kubectl describe secret pw`)
    expect(out).toContain(`$ kubectl describe ns default
Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`)
    expect(out).toContain(`Name:         cfg
Namespace:    default
Labels:       <none>
Annotations:  <none>

Data
====
color:
----
blue


BinaryData
====

Events:  <none>
`)
    expect(out).toContain(`Name:         pw
Namespace:    default
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  5 bytes
user:      2 bytes
`)
    expect(out.slice(out.indexOf('$ kubectl describe secret pw'))).not.toContain('hello')
  })

  it('replicaset, serviceaccount, endpoints and node', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27 --replicas=2 >/dev/null
kubectl expose deployment web --port=80 >/dev/null
kubectl rollout status deploy/web >/dev/null
kubectl describe rs
kubectl describe sa default
kubectl describe endpoints web
kubectl describe node`)
    expect(out).toMatch(/Controlled By:  Deployment\/web\nReplicas:       2 current \/ 2 desired\nPods Status:    2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\n/)
    expect(out).toContain('Name:                default\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  <none>\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n')
    expect(out).toMatch(/Subsets:\n  Addresses:          [\d.]+,[\d.]+\n  NotReadyAddresses:  <none>\n  Ports:\n    Name     Port  Protocol\n    ----     ----  --------\n    <unset>  80    TCP\n/)
    expect(out).toMatch(/Name:\s+kind-control-plane\nRoles:\s+control-plane\n/)
    expect(out).toMatch(/Non-terminated Pods:\s+\(\d+ in total\)/)
  })

  it('Istio kinds use the generic describer', async () => {
    const out = await run(`istioctl install -y >/dev/null 2>&1
cat > /tmp/vs.yaml <<'EOF'
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 100
EOF
kubectl apply -f /tmp/vs.yaml
kubectl describe vs reviews`)
    expect(out).toMatch(/Name:         reviews\nNamespace:    default\nLabels:       <none>\nAnnotations:  kubectl.kubernetes.io\/last-applied-configuration:\n[^]*?API Version:  networking.istio.io\/v1\nKind:         VirtualService\nMetadata:\n  Creation Timestamp:  2026-01-01T00:00:\d\dZ\n  Generation:          1\n  Resource Version:    \d+\n  UID:                 [0-9a-f-]+\nSpec:\n  Hosts:\n    reviews\n  Http:\n    Route:\n      Destination:\n        Host:    reviews\n        Subset:  v1\n      Weight:    100\nEvents:          <none>\n/)
  })

  it('--show-events=false leaves the Events section out', async () => {
    const out = await run('kubectl create configmap cfg --from-literal=a=b >/dev/null\nkubectl describe cm cfg --show-events=false\nkubectl describe sa default --show-events=false')
    expect(out).not.toContain('Events:')
    expect(out).toContain('Tokens:              <none>\n')
  })

  it('turns keys into labels and scalars into Go %v text', () => {
    expect(smartLabelFor('apiVersion')).toBe('API Version')
    expect(smartLabelFor('uid')).toBe('UID')
    expect(smartLabelFor('creationTimestamp')).toBe('Creation Timestamp')
    expect(smartLabelFor('HTTPRoute')).toBe('HTTP Route')
    expect(smartLabelFor('tls.crt')).toBe('tls.crt')
    expect(goValue(1000000)).toBe('1e+06')
    expect(goValue(80)).toBe('80')
    expect(goValue(null)).toBe('<nil>')
  })
})
