// Test fixtures for the kind driver: what docker, kind, kubectl, istioctl and curl really print, a virtual host clock, a scripted healthy host.
//
// Output shapes follow the tools' own docs and runs: kind writes its progress
// to stderr and cluster names to stdout; istioctl prints its ✔ lines to
// stdout; `kubectl get --raw /readyz` prints `ok`.
import { Clock, type HostTimers, type Timer } from '../../core/clock'
import { FakeCommandRunner } from './fake-command-runner'
import { loadKindConfig, type KindConfig } from './kind-config'

export const STATE_DIR = '/var/lib/mesh-dojo/kind'

export function testConfig(env: Record<string, string> = {}): KindConfig {
  return loadKindConfig(
    { KIND_STATE_DIR: STATE_DIR, KIND_PRELOAD_IMAGES: 'docker.io/istio/examples-bookinfo-details-v1:1.20.2,docker.io/mccutchen/go-httpbin:v2.15.0', ...env },
    { tmpDir: '/tmp', repoRoot: '/srv/mesh-dojo' },
  )
}

/** A virtual clock dressed as the host's timers: tests move time with clock.advanceBy. */
export function virtualHost(startMs = Date.UTC(2026, 10, 24)): { clock: Clock; host: HostTimers } {
  const clock = Clock.virtual({ startMs })
  const host: HostTimers = {
    now: () => clock.now(),
    setTimeout: (fn, ms) => clock.setTimer(ms, fn, 'host'),
    clearTimeout: (h) => (h as Timer).dispose(),
  }
  return { clock, host }
}

export function kindCreateStderr(name: string, image = 'kindest/node:v1.34.0'): string {
  return [
    `Creating cluster "${name}" ...`,
    ` ✓ Ensuring node image (${image}) 🖼`,
    ' ✓ Preparing nodes 📦',
    ' ✓ Writing configuration 📜',
    ' ✓ Starting control-plane 🕹️',
    ' ✓ Installing CNI 🔌',
    ' ✓ Installing StorageClass 💾',
    ' ✓ Waiting ≤ 2m0s for control-plane = Ready ⏳',
    ' • Ready after 16s 💚',
    `Set kubectl context to "kind-${name}"`,
    'You can now use your cluster with:',
    '',
    `kubectl cluster-info --context kind-${name} --kubeconfig ${STATE_DIR}/${name}.kubeconfig`,
    '',
    'Have a nice day! 👋',
    '',
  ].join('\n')
}

export const ISTIO_INSTALL_STDOUT = [
  '        |\\          ',
  '        | \\         ',
  '        |  \\        ',
  '        |   \\       ',
  '      /||    \\      ',
  '     / ||     \\     ',
  '    /  ||      \\    ',
  '   /   ||       \\   ',
  '  /    ||        \\  ',
  ' /     ||         \\ ',
  '/______||__________\\',
  '____________________',
  '  \\__       _____/  ',
  '     \\_____/        ',
  '',
  '✔ Istio core installed ⛵️',
  '✔ Istiod installed 🧠',
  '✔ Egress gateways installed 🛫',
  '✔ Ingress gateways installed 🛬',
  '✔ Installation complete',
  '',
].join('\n')

export function kindLoadStderr(image: string, name: string): string {
  return `Image: "${image}" with ID "sha256:6f8a2b0c39d54f2b1fbc8b0a4a0ad5d4a2b4f0e1b6c7d8e9f0a1b2c3d4e5f6a7" not yet present on node "${name}-control-plane", loading...\n`
}

export function kindDeleteStderr(name: string): string {
  return `Deleting cluster "${name}" ...\nDeleted nodes: ["${name}-control-plane"]\n`
}

export const NO_KIND_CLUSTERS = { stdout: '', stderr: 'No kind clusters found.\n' }

export const READYZ_REFUSED = {
  exitCode: 1,
  stderr: 'The connection to the server 127.0.0.1:39117 was refused - did you specify the right host or port?\n',
}

export const INTERNAL_KUBECONFIG = (name: string) => `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTi...
    server: https://${name}-control-plane:6443
  name: kind-${name}
contexts:
- context:
    cluster: kind-${name}
    user: kind-${name}
  name: kind-${name}
current-context: kind-${name}
kind: Config
users:
- name: kind-${name}
  user:
    client-certificate-data: LS0tLS1CRUdJTi...
    client-key-data: LS0tLS1CRUdJTi...
`

/** kubectl get namespaces -o json on a fresh kind cluster with Istio, plus the given learner namespaces. */
export function namespaceList(extra: string[] = []): string {
  const names = ['default', 'istio-system', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage', ...extra]
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: names.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, status: { phase: 'Active' } })),
    metadata: { resourceVersion: '' },
  })
}

/** A host where every pool command succeeds; tests add rules on top (newest rule wins). */
export function healthyHost(timers?: HostTimers): FakeCommandRunner {
  return new FakeCommandRunner(timers)
    .on(['kind', 'get', 'clusters'], NO_KIND_CLUSTERS)
    .on(['docker', 'ps'], { stdout: '' })
    .on(['docker', 'rm', '-f'], (c) => ({ stdout: c.argv.slice(3).join('\n') + '\n' }))
    .on(['kind', 'create', 'cluster'], (c) => ({ stderr: kindCreateStderr(c.argv[4]!) }))
    .on(['istioctl', 'install'], { stdout: ISTIO_INSTALL_STDOUT })
    .on(['kind', 'load', 'docker-image'], (c) => ({ stderr: kindLoadStderr(c.argv[3]!, c.argv[5]!) }))
    .on(['kind', 'delete', 'cluster'], (c) => ({ stderr: kindDeleteStderr(c.argv[4]!) }))
    .on(['kind', 'get', 'kubeconfig'], (c) => ({ stdout: INTERNAL_KUBECONFIG(c.argv[4]!) }))
    .on(['kubectl', 'get', '--raw', '/readyz'], { stdout: 'ok' })
    .on(['kubectl', 'get', 'namespaces', '-o', 'json'], { stdout: namespaceList() })
    .on(['kubectl', 'delete'], { stdout: '' })
    .on(['kubectl', 'label', 'namespace', 'default'], { stdout: 'namespace/default unlabeled\n' })
}

/** In-memory stand-in for the pool's state directory. */
export function memoryFiles() {
  const removed: string[] = []
  const dirs: string[] = []
  return {
    removed,
    dirs,
    ensureDir: async (p: string) => void dirs.push(p),
    remove: async (p: string) => void removed.push(p),
  }
}
