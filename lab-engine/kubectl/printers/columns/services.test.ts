// Source: printService/printEndpoints in k8s.io/kubernetes/pkg/printers/internalversion/printers.go;
// the istio-ingressgateway row follows istio.io/latest/docs/setup/getting-started/ ("kubectl get svc istio-ingressgateway -n istio-system").
import { describe, expect, it } from 'vitest'
import { printTables } from '../table'
import { NOW, obj } from '../fixtures.test-util'

const ingress = (lb: unknown, extra: Record<string, unknown> = {}) => obj('v1', 'Service', 'istio-ingressgateway', 'istio-system', 900, {
  spec: {
    type: 'LoadBalancer', clusterIP: '10.96.45.193', clusterIPs: ['10.96.45.193'], selector: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
    ports: [
      { name: 'status-port', port: 15021, nodePort: 31682, protocol: 'TCP' },
      { name: 'http2', port: 80, nodePort: 31380, protocol: 'TCP' },
      { name: 'https', port: 443, nodePort: 31390, protocol: 'TCP' },
    ],
    ...extra,
  },
  status: { loadBalancer: lb },
})

describe('service columns', () => {
  it('prints a LoadBalancer with node ports and its external IP', () => {
    expect(printTables([ingress({ ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] })], { now: NOW }).stdout).toBe(
      'NAME                   TYPE           CLUSTER-IP     EXTERNAL-IP      PORT(S)                                      AGE\n' +
      'istio-ingressgateway   LoadBalancer   10.96.45.193   172.18.255.200   15021:31682/TCP,80:31380/TCP,443:31390/TCP   15m\n')
  })

  it('prints <pending> before an address is assigned, and the selector with -o wide', () => {
    expect(printTables([ingress({})], { now: NOW, wide: true }).stdout).toBe(
      'NAME                   TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)                                      AGE   SELECTOR\n' +
      'istio-ingressgateway   LoadBalancer   10.96.45.193   <pending>     15021:31682/TCP,80:31380/TCP,443:31390/TCP   15m   app=istio-ingressgateway,istio=ingressgateway\n')
  })

  it('truncates long load-balancer lists to 16 characters unless wide', () => {
    const lb = { ingress: [{ ip: '172.18.255.201' }, { ip: '172.18.255.200' }] }
    expect(printTables([ingress(lb)], { now: NOW }).stdout.split('\n')[1]).toContain('   172.18.255.20...   ')
    expect(printTables([ingress(lb)], { now: NOW, wide: true }).stdout.split('\n')[1]).toContain('   172.18.255.200,172.18.255.201   ')
  })

  it('prints headless, no-port and ExternalName services', () => {
    const services = [
      obj('v1', 'Service', 'headless', 'default', 30, { spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 9080, protocol: 'TCP' }] } }),
      obj('v1', 'Service', 'noports', 'default', 30, { spec: { type: 'ClusterIP', clusterIP: '10.96.0.50', clusterIPs: ['10.96.0.50'] } }),
      obj('v1', 'Service', 'ext', 'default', 30, { spec: { type: 'ExternalName', externalName: 'httpbin.org' } }),
      obj('v1', 'Service', 'np', 'default', 30, { spec: { type: 'NodePort', clusterIP: '10.96.0.51', clusterIPs: ['10.96.0.51'], ports: [{ port: 8000, nodePort: 30080, protocol: 'TCP' }] } }),
    ]
    expect(printTables(services, { now: NOW }).stdout).toBe(
      'NAME       TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)          AGE\n' +
      'headless   ClusterIP      None         <none>        9080/TCP         30s\n' +
      'noports    ClusterIP      10.96.0.50   <none>        <none>           30s\n' +
      'ext        ExternalName   <none>       httpbin.org   <none>           30s\n' +
      'np         NodePort       10.96.0.51   <none>        8000:30080/TCP   30s\n')
  })
})

describe('endpoints columns', () => {
  it('lists up to three addresses, then "+ N more..."', () => {
    const addrs = (n: number) => Array.from({ length: n }, (_, i) => ({ ip: `10.244.0.${10 + i}` }))
    const eps = [
      obj('v1', 'Endpoints', 'reviews', 'default', 300, { subsets: [{ addresses: addrs(3), ports: [{ name: 'http', port: 9080, protocol: 'TCP' }] }] }),
      obj('v1', 'Endpoints', 'kube-dns', 'default', 300, { subsets: [{ addresses: addrs(2), ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }] }] }),
      obj('v1', 'Endpoints', 'empty', 'default', 300, {}),
    ]
    expect(printTables(eps, { now: NOW }).stdout).toBe(
      'NAME       ENDPOINTS                                                    AGE\n' +
      'reviews    10.244.0.10:9080,10.244.0.11:9080,10.244.0.12:9080           5m\n' +
      'kube-dns   10.244.0.10:53,10.244.0.11:53,10.244.0.10:9153 + 1 more...   5m\n' +
      'empty      <none>                                                       5m\n')
  })
})

describe('endpointslice columns', () => {
  it('prints address type, ports and addresses', () => {
    const slice = obj('discovery.k8s.io/v1', 'EndpointSlice', 'reviews-x7k2p', 'default', 300, {
      addressType: 'IPv4', ports: [{ name: 'http', port: 9080, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.244.0.10'] }, { addresses: ['10.244.0.11'] }, { addresses: ['10.244.0.12'] }, { addresses: ['10.244.0.13'] }],
    })
    const empty = obj('discovery.k8s.io/v1', 'EndpointSlice', 'ext-abcde', 'default', 300, { addressType: 'IPv4' })
    expect(printTables([slice, empty], { now: NOW }).stdout).toBe(
      'NAME            ADDRESSTYPE   PORTS     ENDPOINTS                                         AGE\n' +
      'reviews-x7k2p   IPv4          9080      10.244.0.10,10.244.0.11,10.244.0.12 + 1 more...   5m\n' +
      'ext-abcde       IPv4          <unset>   <unset>                                           5m\n')
  })
})
