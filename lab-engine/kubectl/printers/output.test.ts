// Source: k8s.io/kubectl/pkg/cmd/get/get.go printGeneric (List wrapper) and cli-runtime printers (json.go, yaml.go,
// name.go); the ingress IP line follows istio.io/latest/docs/tasks/traffic-management/ingress/ingress-control/.
import { describe, expect, it } from 'vitest'
import { parseOutputFormat, printObjects } from './output'
import { NOW, obj } from './fixtures.test-util'

const cm = obj('v1', 'ConfigMap', 'istio', 'istio-system', 60, { data: { mesh: 'accessLogFile: /dev/stdout\n' } })
const vs = obj('networking.istio.io/v1', 'VirtualService', 'reviews', 'default', 60, { spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] } })
const deploy = obj('apps/v1', 'Deployment', 'reviews-v1', 'default', 60, { spec: { replicas: 1 } })
const yamlOf = (stdout: string) => stdout

describe('printObjects', () => {
  it('prints one named object as a YAML document', () => {
    expect(yamlOf(printObjects([cm], { type: 'yaml' }, { now: NOW, singleItem: true }).stdout)).toBe(`apiVersion: v1
data:
  mesh: |
    accessLogFile: /dev/stdout
kind: ConfigMap
metadata:
  creationTimestamp: "2026-01-01T00:59:00Z"
  generation: 1
  name: istio
  namespace: istio-system
  resourceVersion: "1"
  uid: ${cm.metadata.uid}
`)
  })

  it('wraps a list request in a List, even with one item', () => {
    const out = printObjects([deploy], { type: 'yaml' }, { now: NOW }).stdout
    expect(out.startsWith('apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n')).toBe(true)
    expect(out.endsWith('  spec:\n    replicas: 1\nkind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true)
    expect(printObjects([], { type: 'yaml' }, { now: NOW }).stdout).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n')
  })

  it('prints JSON with 4-space indent and sorted keys', () => {
    expect(printObjects([], { type: 'json' }, { now: NOW }).stdout).toBe(`{
    "apiVersion": "v1",
    "items": [],
    "kind": "List",
    "metadata": {
        "resourceVersion": ""
    }
}
`)
    expect(printObjects([vs], { type: 'json' }, { now: NOW, singleItem: true }).stdout.split('\n').slice(0, 3)).toEqual(['{', '    "apiVersion": "networking.istio.io/v1",', '    "kind": "VirtualService",'])
  })

  it('prints names as kind.group/name', () => {
    expect(printObjects([cm, deploy, vs], { type: 'name' }, { now: NOW }).stdout).toBe(
      'configmap/istio\ndeployment.apps/reviews-v1\nvirtualservice.networking.istio.io/reviews\n')
  })

  it('runs jsonpath over the object or the List', () => {
    const gw = obj('v1', 'Service', 'istio-ingressgateway', 'istio-system', 60, { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } } })
    expect(printObjects([gw], { type: 'jsonpath', template: '{.status.loadBalancer.ingress[0].ip}' }, { now: NOW, singleItem: true }))
      .toEqual({ stdout: '172.18.255.200', stderr: '', exitCode: 0 })
    expect(printObjects([cm, deploy], { type: 'jsonpath', template: '{.items[*].metadata.name}' }, { now: NOW }).stdout).toBe('istio reviews-v1')
  })

  it('prints the table for the default and wide formats', () => {
    expect(printObjects([], { type: 'table', wide: false }, { now: NOW, namespace: 'bookinfo' }))
      .toEqual({ stdout: '', stderr: 'No resources found in bookinfo namespace.\n', exitCode: 0 })
  })
})

describe('parseOutputFormat', () => {
  it.each([
    ['', { type: 'table', wide: false }], ['wide', { type: 'table', wide: true }], ['yaml', { type: 'yaml' }], ['json', { type: 'json' }], ['name', { type: 'name' }],
    ['jsonpath={.a}', { type: 'jsonpath', template: '{.a}' }], ['custom-columns=N:.metadata.name', { type: 'custom-columns', spec: 'N:.metadata.name' }],
    ['jsonpath', 'template format specified but no template given'],
    ['xml', 'unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml'],
  ])('%s', (value, expected) => {
    expect(parseOutputFormat(value)).toEqual(expected)
  })
})
