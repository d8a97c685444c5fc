// Bootstrap: a fresh store that looks like a fresh `kind create cluster` (one control-plane node).
//
// Object names, labels and addresses follow what `kubectl get all -A` shows on a
// new kind cluster (kind.sigs.k8s.io/docs/user/quick-start/), with Kubernetes'
// default service CIDR 10.96.0.0/12 and kind's pod subnet 10.244.0.0/16.

import { ObjectStore, type StoreDeps } from './store'
import type { KubeObject, ObjectInput } from './types'

export const KIND_NODE_NAME = 'kind-control-plane'
export const KUBERNETES_VERSION = 'v1.33.1'
export const NODE_IP = '172.18.0.2'
export const KUBERNETES_SERVICE_IP = '10.96.0.1'
export const KUBE_DNS_SERVICE_IP = '10.96.0.10'
export const BOOTSTRAP_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage'] as const

const COREDNS_HASH = '674b8bbfcf'
const LOCAL_PATH_HASH = '7dc846544d'

interface PodPlan {
  namespace: string
  name?: string
  generateName?: string
  labels: Record<string, string>
  image: string
  container: string
  podIP: string
  owner?: KubeObject
  hostNetwork?: boolean
  ports?: { name?: string; containerPort: number; protocol: string }[]
}

/** A new store holding what a freshly created kind cluster holds. */
export function createKindCluster(deps: StoreDeps): ObjectStore {
  const store = new ObjectStore(deps)
  for (const name of BOOTSTRAP_NAMESPACES) store.create(namespace(name))
  const node = store.create(controlPlaneNode())
  for (const name of BOOTSTRAP_NAMESPACES) store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } })
  createServices(store)
  createControlPlanePods(store, node)
  createNodeAgents(store)
  createCoreDns(store)
  createLocalPath(store)
  return store
}

function namespace(name: string): ObjectInput {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }
}

function controlPlaneNode(): ObjectInput {
  const labels = {
    'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': KIND_NODE_NAME, 'kubernetes.io/os': 'linux',
    'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '',
  }
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name: KIND_NODE_NAME, labels },
    spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], providerID: `kind://docker/kind/${KIND_NODE_NAME}` },
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID' },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [{ type: 'InternalIP', address: NODE_IP }, { type: 'Hostname', address: KIND_NODE_NAME }],
      nodeInfo: {
        architecture: 'amd64', operatingSystem: 'linux', osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.8.0-generic', containerRuntimeVersion: 'containerd://2.1.1',
        kubeletVersion: KUBERNETES_VERSION, kubeProxyVersion: KUBERNETES_VERSION,
      },
      capacity: { cpu: '8', memory: '16318344Ki', pods: '110', 'ephemeral-storage': '102626232Ki' },
    },
  }
}

function createServices(store: ObjectStore): void {
  store.create({
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: KUBERNETES_SERVICE_IP, clusterIPs: [KUBERNETES_SERVICE_IP], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' },
  })
  store.create({
    apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: NODE_IP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  })
  store.create({
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } },
    spec: {
      type: 'ClusterIP', clusterIP: KUBE_DNS_SERVICE_IP, clusterIPs: [KUBE_DNS_SERVICE_IP], selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  })
}

/** Static pods: the kubelet runs them from manifests, so the Node owns their mirror pods. */
function createControlPlanePods(store: ObjectStore, node: KubeObject): void {
  const parts: [string, string][] = [
    ['etcd', 'registry.k8s.io/etcd:3.5.21-0'],
    ['kube-apiserver', `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`],
    ['kube-controller-manager', `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`],
    ['kube-scheduler', `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`],
  ]
  for (const [component, image] of parts) {
    store.create(pod({
      namespace: 'kube-system', name: `${component}-${KIND_NODE_NAME}`, labels: { component, tier: 'control-plane' },
      image, container: component, podIP: NODE_IP, hostNetwork: true, owner: node,
    }))
  }
}

/** kindnet and kube-proxy run on every node (DaemonSets in a real cluster). */
function createNodeAgents(store: ObjectStore): void {
  store.create(pod({ namespace: 'kube-system', generateName: 'kindnet-', labels: { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' }, image: 'docker.io/kindest/kindnetd:v20250512-df8de77b', container: 'kindnet-cni', podIP: NODE_IP, hostNetwork: true }))
  store.create(pod({ namespace: 'kube-system', generateName: 'kube-proxy-', labels: { 'k8s-app': 'kube-proxy' }, image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`, container: 'kube-proxy', podIP: NODE_IP, hostNetwork: true }))
}

function createCoreDns(store: ObjectStore): void {
  const labels = { 'k8s-app': 'kube-dns' }
  const rs = createWorkload(store, 'kube-system', 'coredns', COREDNS_HASH, labels, 2)
  const ips = ['10.244.0.2', '10.244.0.3']
  const ports = [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }, { name: 'metrics', containerPort: 9153, protocol: 'TCP' }]
  const pods = ips.map((podIP) => store.create(pod({
    namespace: 'kube-system', generateName: `coredns-${COREDNS_HASH}-`, labels: { ...labels, 'pod-template-hash': COREDNS_HASH },
    image: 'registry.k8s.io/coredns/coredns:v1.12.0', container: 'coredns', podIP, owner: rs, ports,
  })))
  store.create({
    apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    subsets: [{
      addresses: pods.map((p) => ({ ip: (p.status as { podIP: string }).podIP, nodeName: KIND_NODE_NAME, targetRef: { kind: 'Pod', namespace: 'kube-system', name: p.metadata.name, uid: p.metadata.uid } })),
      ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }],
    }],
  })
}

function createLocalPath(store: ObjectStore): void {
  const labels = { app: 'local-path-provisioner' }
  const rs = createWorkload(store, 'local-path-storage', 'local-path-provisioner', LOCAL_PATH_HASH, labels, 1)
  store.create(pod({
    namespace: 'local-path-storage', generateName: `local-path-provisioner-${LOCAL_PATH_HASH}-`, labels: { ...labels, 'pod-template-hash': LOCAL_PATH_HASH },
    image: 'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a', container: 'local-path-provisioner', podIP: '10.244.0.4', owner: rs,
  }))
}

/** A Deployment and its ReplicaSet, already rolled out, as the controllers would have left them. */
function createWorkload(store: ObjectStore, ns: string, name: string, hash: string, labels: Record<string, string>, replicas: number): KubeObject {
  const ready = { replicas, readyReplicas: replicas, availableReplicas: replicas }
  const deploy = store.create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels } } },
    status: { ...ready, updatedReplicas: replicas, observedGeneration: 1, conditions: [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] },
  })
  const rsLabels = { ...labels, 'pod-template-hash': hash }
  return store.create({
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: `${name}-${hash}`, namespace: ns, labels: rsLabels, ownerReferences: [ownerRef(deploy)] },
    spec: { replicas, selector: { matchLabels: rsLabels }, template: { metadata: { labels: rsLabels } } },
    status: { ...ready, fullyLabeledReplicas: replicas, observedGeneration: 1 },
  })
}

function ownerRef(owner: KubeObject) {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }
}

function pod(plan: PodPlan): ObjectInput {
  const metadata = { name: plan.name, generateName: plan.generateName, namespace: plan.namespace, labels: plan.labels, ...(plan.owner ? { ownerReferences: [ownerRef(plan.owner)] } : {}) }
  if (!plan.name) delete metadata.name
  if (!plan.generateName) delete metadata.generateName
  return {
    apiVersion: 'v1', kind: 'Pod', metadata,
    spec: { nodeName: KIND_NODE_NAME, ...(plan.hostNetwork ? { hostNetwork: true } : {}), containers: [{ name: plan.container, image: plan.image, ...(plan.ports ? { ports: plan.ports } : {}) }], restartPolicy: 'Always' },
    status: {
      phase: 'Running', hostIP: NODE_IP, podIP: plan.podIP, podIPs: [{ ip: plan.podIP }], qosClass: 'Burstable',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' })),
      containerStatuses: [{ name: plan.container, image: plan.image, ready: true, started: true, restartCount: 0, state: { running: {} } }],
    },
  }
}
