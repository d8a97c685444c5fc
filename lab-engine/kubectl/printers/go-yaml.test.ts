// Source: go-yaml v2 (sigs.k8s.io/yaml) encode.go/sorter.go and libyaml emitterc.c; shapes as in `kubectl get pod -o yaml`
// transcripts (quoted timestamps and resourceVersion, '*' hosts, folded long condition messages).
import { describe, expect, it } from 'vitest'
import { goYaml, yamlKeyCompare } from './go-yaml'

describe('goYaml', () => {
  it('writes a pod like kubectl -o yaml', () => {
    const pod = {
      kind: 'Pod', apiVersion: 'v1',
      metadata: { name: 'details-v1-79f774bdb9-6jl84', namespace: 'default', uid: '6f1c0d5e', resourceVersion: '1234', creationTimestamp: '2026-01-01T00:58:30Z', labels: { version: 'v1', app: 'details', 'pod-template-hash': '79f774bdb9' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } },
      spec: { containers: [{ name: 'details', image: 'docker.io/istio/examples-bookinfo-details-v1:1.20.2', ports: [{ containerPort: 9080, protocol: 'TCP' }], resources: {} }], nodeName: 'kind-control-plane' },
      status: { phase: 'Running', podIP: '10.244.0.7', conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null,
        message: '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.' }] },
    }
    expect(goYaml(pod)).toBe(`apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubectl.kubernetes.io/restartedAt: "2026-01-01T00:00:00Z"
  creationTimestamp: "2026-01-01T00:58:30Z"
  labels:
    app: details
    pod-template-hash: 79f774bdb9
    version: v1
  name: details-v1-79f774bdb9-6jl84
  namespace: default
  resourceVersion: "1234"
  uid: 6f1c0d5e
spec:
  containers:
  - image: docker.io/istio/examples-bookinfo-details-v1:1.20.2
    name: details
    ports:
    - containerPort: 9080
      protocol: TCP
    resources: {}
  nodeName: kind-control-plane
status:
  conditions:
  - lastProbeTime: null
    message: '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:
      }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.'
    status: "False"
    type: PodScheduled
  phase: Running
  podIP: 10.244.0.7
`)
  })

  it.each<[unknown, string]>([
    ['*', "'*'"], ['reviews', 'reviews'], ['true', '"true"'], ['yes', '"yes"'], ['1.20', '"1.20"'], ['1.20.2', '1.20.2'], ['0755', '"0755"'],
    ['8080', '"8080"'], ['', '""'], [' lead', "' lead'"], ['x: y', "'x: y'"], ['a #b', "'a #b'"], ['a#b', 'a#b'], ['tab\there', '"tab\\there"'],
    ['- x', "'- x'"], ['-x', '-x'], ["it's", "it's"], ["'q'", "'''q'''"], ['{"a":1}', '\'{"a":1}\''], ['1:20', '"1:20"'],
    [0.5, '0.5'], [1234567.5, '1.2345675e+06'], [3, '3'], [true, 'true'], [null, 'null'],
  ])('writes the scalar %j as %s', (v, text) => {
    expect(goYaml({ k: v })).toBe(`k: ${text}\n`)
  })

  it('writes strings with line breaks as literal blocks', () => {
    expect(goYaml({ a: '{"apiVersion":"v1"}\n', b: 'two\nlines', c: 'x\n\n', d: [' indented\n'] })).toBe(
      'a: |\n  {"apiVersion":"v1"}\n' +
      'b: |-\n  two\n  lines\n' +
      'c: |+\n  x\n\n' +
      'd:\n- |2\n   indented\n')
  })

  it('writes nested and empty collections', () => {
    expect(goYaml({ e: {}, l: [], n: [[1, 2], [{ a: 1, b: [] }]] })).toBe('e: {}\nl: []\n"n":\n- - 1\n  - 2\n- - a: 1\n    b: []\n')
  })
})

describe('yamlKeyCompare', () => {
  it('sorts keys as go-yaml v2 does (digit runs as numbers, non-letters first)', () => {
    expect(['port10', 'port9', 'aB', 'a-b', 'Z', 'b', 'app.kubernetes.io/name', 'app', '10', '9'].sort(yamlKeyCompare))
      .toEqual(['9', '10', 'Z', 'a-b', 'aB', 'app', 'app.kubernetes.io/name', 'b', 'port9', 'port10'])
  })
})
