// Source: kubernetes.io/docs/reference/kubectl/jsonpath/ (examples table) and
// k8s.io/client-go/util/jsonpath/jsonpath_test.go; error wording from cli-runtime jsonpath.go/jsonpath_flags.go.
import { describe, expect, it } from 'vitest'
import { printJsonPath } from '.'

const list = {
  apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' },
  items: [
    { kind: 'Pod', metadata: { name: 'details-v1-79f774bdb9-6jl84', labels: { app: 'details', 'app.kubernetes.io/name': 'details' } }, status: { podIP: '10.244.0.7', containerStatuses: [{ name: 'details', restartCount: 0 }] } },
    { kind: 'Pod', metadata: { name: 'ratings-v1-5f9699cfdf-8wxbd', labels: { app: 'ratings' } }, status: { podIP: '10.244.0.8', containerStatuses: [{ name: 'ratings', restartCount: 2 }] } },
  ],
}
const gateway = {
  kind: 'Service', metadata: { name: 'istio-ingressgateway' },
  spec: { ports: [{ name: 'status-port', port: 15021, nodePort: 31682 }, { name: 'http2', port: 80, nodePort: 31380 }, { name: 'https', port: 443, nodePort: 31390 }] },
  status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } },
}

describe('printJsonPath', () => {
  it.each<[string, unknown, string]>([
    ['{.items[*].metadata.name}', list, 'details-v1-79f774bdb9-6jl84 ratings-v1-5f9699cfdf-8wxbd'],
    ['{range .items[*]}{.metadata.name}{"\\n"}{end}', list, 'details-v1-79f774bdb9-6jl84\nratings-v1-5f9699cfdf-8wxbd\n'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}', list, 'details-v1-79f774bdb9-6jl84\t10.244.0.7\nratings-v1-5f9699cfdf-8wxbd\t10.244.0.8\n'],
    ['{.items[0].metadata.name}', list, 'details-v1-79f774bdb9-6jl84'],
    ['{.items[-1:].metadata.name}', list, 'ratings-v1-5f9699cfdf-8wxbd'],
    ['{.items[?(@.metadata.labels.app=="ratings")].metadata.name}', list, 'ratings-v1-5f9699cfdf-8wxbd'],
    ['{.items[?(@.status.containerStatuses[0].restartCount>0)].metadata.name}', list, 'ratings-v1-5f9699cfdf-8wxbd'],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', list, 'details'],
    ['{.items[0].metadata.labels}', list, '{"app":"details","app.kubernetes.io/name":"details"}'],
    ['{..podIP}', list, '10.244.0.7 10.244.0.8'],
    ['{.items[*][\'metadata.name\', \'kind\']}', list, 'details-v1-79f774bdb9-6jl84 ratings-v1-5f9699cfdf-8wxbd Pod Pod'],
    ['{.status.loadBalancer.ingress[0].ip}', gateway, '172.18.255.200'],
    ['{.spec.ports[?(@.name=="http2")].nodePort}', gateway, '31380'],
    ['{.spec.ports[?(@.name=="https")].port}', gateway, '443'],
    ['{.spec.ports[*].port}', gateway, '15021 80 443'],
    ['{.status.loadBalancer.ingress[0].hostname}', gateway, ''],
    ['{.spec.missing.deep}', gateway, ''],
    ['{.status.loadBalancer.ingress[0].ip}', { status: { loadBalancer: {} } }, ''],
    ['name: {.metadata.name}', gateway, 'name: istio-ingressgateway'],
    ['{.kind} {.metadata.name}', gateway, 'Service istio-ingressgateway'],
  ])('%s', (template, data, out) => {
    expect(printJsonPath(template, data)).toEqual({ stdout: out, stderr: '', exitCode: 0 })
  })

  it.each([
    ['{.metadata.name', 'error: error parsing jsonpath {.metadata.name, unclosed action\n'],
    ['{.items[*}', 'error: error parsing jsonpath {.items[*}, unterminated array\n'],
    ['{.items[x]}', 'error: error parsing jsonpath {.items[x]}, invalid array index x\n'],
    ['{!x}', "error: error parsing jsonpath {!x}, unrecognized character in action: U+0021 '!'\n"],
    ['{end}', 'error: error parsing jsonpath {end}, not in range, nothing to end\n'],
    ['{foo}', 'error: error parsing jsonpath {foo}, unrecognized identifier foo\n'],
  ])('parse error %s', (template, stderr) => {
    expect(printJsonPath(template, {})).toEqual({ stdout: '', stderr, exitCode: 1 })
  })

  it('reports an index out of range as kubectl does', () => {
    const r = printJsonPath('{.a[3]}', { a: [1] })
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe(
      'error: error executing jsonpath "{.a[3]}": Error executing template: array index out of bounds: index 3, length 1. Printing more information for debugging the template:\n' +
      '\ttemplate was:\n\t\t{.a[3]}\n' +
      '\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"a":[]interface {}{1}}\n\n\n')
  })
})
