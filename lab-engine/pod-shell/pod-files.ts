// The files the kubelet writes into every container: /etc/hosts, /etc/resolv.conf, /etc/hostname.
//
// Shapes follow what kubelet generates (pkg/kubelet/kubelet_pods.go
// managedHostsFileContent; dns.go for resolv.conf with ClusterFirst policy):
// a "# Kubernetes-managed hosts file." header, loopback lines, then the pod IP
// and hostname; `search <ns>.svc.cluster.local svc.cluster.local cluster.local`,
// the cluster DNS nameserver and `options ndots:5`.

import { NAMESERVER_IP, NDOTS, searchDomains } from '../cluster/dns'
import type { KubeObject } from '../cluster/types'
import { Vfs } from '../shell/vfs'

export function podIp(pod: KubeObject): string {
  return (pod.status as { podIP?: string } | undefined)?.podIP ?? ''
}

/** A pod's hostname: spec.hostname, else the pod name (first 63 characters, as Linux allows). */
export function podHostname(pod: KubeObject): string {
  return ((pod.spec as { hostname?: string } | undefined)?.hostname ?? pod.metadata.name).slice(0, 63)
}

export function hostsFile(pod: KubeObject): string {
  return [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    `${podIp(pod)}\t${podHostname(pod)}`,
    '',
  ].join('\n')
}

export function resolvConf(namespace: string): string {
  return `search ${searchDomains(namespace).join(' ')}\nnameserver ${NAMESERVER_IP}\noptions ndots:${NDOTS}\n`
}

/** The /etc/hosts entries as a lookup table (name -> IPv4). */
export function hostsTable(pod: KubeObject): Record<string, string> {
  return { localhost: '127.0.0.1', [podHostname(pod).toLowerCase()]: podIp(pod) }
}

/** A fresh container file system with the kubelet-managed files. */
export function containerVfs(pod: KubeObject, now: () => number): Vfs {
  const vfs = new Vfs(now)
  for (const dir of ['/etc', '/tmp', '/root', '/bin', '/usr/bin', '/var/log']) vfs.mkdir(dir, { parents: true })
  vfs.writeFile('/etc/hosts', hostsFile(pod))
  vfs.writeFile('/etc/resolv.conf', resolvConf(pod.metadata.namespace ?? 'default'))
  vfs.writeFile('/etc/hostname', podHostname(pod) + '\n')
  return vfs
}
