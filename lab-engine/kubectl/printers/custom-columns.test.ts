// Source: kubernetes.io/docs/reference/kubectl/#custom-columns and k8s.io/cli-runtime/pkg/printers/customcolumn.go
// (and customcolumn_test.go: "<none>" for missing values, several values joined by ",").
import { describe, expect, it } from 'vitest'
import { printObjects } from './output'
import { NOW, pod } from './fixtures.test-util'

const pods = [
  pod('productpage-v1-6b7f6db-abcde', 60, { containers: ['productpage', 'istio-proxy'] }, { app: 'productpage' }),
  pod('sleep-7656cf8794-xbd2q', 60),
]

describe('custom-columns', () => {
  it('prints headers as given and one row per object', () => {
    const spec = 'NAME:.metadata.name,IMAGES:.spec.containers[*].image,APP:{.metadata.labels.app},NODE:spec.nodeName'
    expect(printObjects(pods, { type: 'custom-columns', spec }, { now: NOW }).stdout).toBe(
      'NAME                           IMAGES                                                                  APP           NODE\n' +
      'productpage-v1-6b7f6db-abcde   docker.io/istio/productpage:1.20.2,docker.io/istio/istio-proxy:1.20.2   productpage   kind-control-plane\n' +
      'sleep-7656cf8794-xbd2q         docker.io/istio/app:1.20.2                                              <none>        kind-control-plane\n')
  })

  it('prints maps and lists as Go does', () => {
    expect(printObjects([pods[0]!], { type: 'custom-columns', spec: 'L:.metadata.labels,P:.spec.containers[*].name' }, { now: NOW, noHeaders: true }).stdout)
      .toBe('map[app:productpage]   productpage,istio-proxy\n')
  })

  it('reports a bad spec in kubectl wording', () => {
    expect(printObjects(pods, { type: 'custom-columns', spec: 'NAME' }, { now: NOW }))
      .toEqual({ stdout: '', stderr: 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n', exitCode: 1 })
    expect(printObjects(pods, { type: 'custom-columns', spec: '' }, { now: NOW }).stderr).toBe('error: custom-columns format specified but no custom columns given\n')
  })
})
