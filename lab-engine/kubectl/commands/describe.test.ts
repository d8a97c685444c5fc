// kubectl describe for pods, deployments and services: layout, tabwriter alignment and Events.
import { describe, expect, it } from 'vitest'
import { DescribeWriter } from './describe-writer'
import { DEPLOY_AND_SERVICE, run } from './script.test-util'

const APPLY = `kubectl apply -f - <<EOF\n${DEPLOY_AND_SERVICE}EOF\nsleep 5`

describe('DescribeWriter', () => {
  it('aligns each run of tabbed lines as one column block, like text/tabwriter', () => {
    const w = new DescribeWriter()
    w.write(0, 'Name:\tweb')
    w.write(0, 'Service Account:\tdefault')
    w.write(0, 'Containers:')
    w.write(1, 'Image:\tnginx')
    w.list(0, 'Labels', ['a=1', 'b=2'])
    expect(w.text()).toBe('Name:             web\nService Account:  default\nContainers:\n  Image:  nginx\nLabels:   a=1\n          b=2\n')
  })
})

describe('kubectl describe', () => {
  it('describes a service with its endpoints', async () => {
    const out = await run(`${APPLY}\nkubectl describe svc web`)
    expect(out).toBe(`$ kubectl apply -f - <<EOF
deployment.apps/web created
service/web created
$ sleep 5
$ kubectl describe svc web
Name:                     web
Namespace:                default
Labels:                   <none>
Annotations:              kubectl.kubernetes.io/last-applied-configuration:
                            {"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"ports":[{"name":"http","port...
Selector:                 app=web
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.99.73.166
IPs:                      10.99.73.166
Port:                     http  80/TCP
TargetPort:               80/TCP
Endpoints:                ${out.match(/Endpoints: +(\S+)/)![1]}
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
`)
    expect(out).toMatch(/Endpoints: +10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\n/)
  })

  it('describes a deployment with its replica sets and scaling events', async () => {
    const out = await run(`${APPLY}\nkubectl describe deployment web`)
    expect(out).toContain('Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n')
    expect(out).toContain('RollingUpdateStrategy:  25% max unavailable, 25% max surge\n')
    expect(out).toMatch(/NewReplicaSet: {3}web-[0-9a-z]{10} \(2\/2 replicas created\)\n/)
    expect(out).toMatch(/Events:\n  Type    Reason             Age   From                   Message\n  ----    ------             ----  ----                   -------\n  Normal  ScalingReplicaSet  5s    deployment-controller  Scaled up replica set web-[0-9a-z]{10} from 0 to 2\n$/)
  })

  it('describes pods selected by label, with containers, conditions and kubelet events', async () => {
    const out = await run(`${APPLY}\nkubectl describe pods -l app=web`)
    expect(out).toMatch(/Name: {13}web-HHHHHHHHHH-xxxxx\nNamespace: {8}default\nPriority: {9}0\nService Account: {2}default\nNode: {13}kind-control-plane\/172\.18\.0\.2\n/)
    expect(out).toContain('Start Time:       Thu, 01 Jan 2026 00:00:00 +0000\n')
    expect(out).toContain('Status:           Running\n')
    expect(out).toContain('    Image:          nginx:1.27\n')
    expect(out).toContain('  Type                        Status\n  PodReadyToStartContainers   True \n')
    expect(out).toMatch(/Normal {2}Scheduled {2}5s +default-scheduler {2}Successfully assigned default\/web-HHHHHHHHHH-xxxxx to kind-control-plane\n/)
    expect(out.match(/^Name: /gm)).toHaveLength(2)
  })

  it('reports missing objects and empty lists', async () => {
    expect(await run('kubectl describe pod ghost\nkubectl describe cm\nkubectl describe')).toBe(`$ kubectl describe pod ghost
! Error from server (NotFound): pods "ghost" not found
[exit 1]
$ kubectl describe cm
! No resources found in default namespace.
$ kubectl describe
! error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.
[exit 1]
`)
  })
})
