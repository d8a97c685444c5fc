// kubectl Tab completion through the line editor over a sim session, checked like bash + kubectl's completion script.
import { describe, expect, it } from 'vitest'
import { LineEditor } from '../shell/line-editor'
import { plain, settle } from '../shell/line-editor/test-harness'
import { createSimSession, type SimSession } from '../sim/session'

interface TabHarness { session: SimSession; editor: LineEditor; take(): string; type(bytes: string): Promise<void> }

function tabHarness(files: Record<string, string> = {}): TabHarness {
  const session = createSimSession({ seed: 1, files })
  let out = '', mark = 0
  const editor = new LineEditor({ shell: session.shell, write: (s) => { out += s }, prompt: () => '$ ' })
  editor.resize(100, 24)
  return {
    session, editor,
    take: () => { const s = out.slice(mark); mark = out.length; return s },
    type: async (bytes) => { editor.input(bytes); await settle() },
  }
}

async function afterTab(line: string, setup?: (h: TabHarness) => Promise<void>): Promise<string> {
  const h = tabHarness({ 'samples/bookinfo.yaml': 'x', 'samples/sleep.yaml': 'y' })
  if (setup) await setup(h)
  await h.type(line + '\t')
  return h.editor.state.text
}

describe('kubectl completion', () => {
  it.each([
    ['verb', 'kubectl ge', 'kubectl get '],
    ['verb after a global flag', 'kubectl -n default desc', 'kubectl -n default describe '],
    ['plural type', 'kubectl get deploym', 'kubectl get deployments '],
    ['short name when no plural fits', 'kubectl get svc', 'kubectl get svc '],
    ['object names in the -n namespace', 'kubectl get pods -n kube-system etcd', 'kubectl get pods -n kube-system etcd-kind-control-plane '],
    ['--namespace=ns form', 'kubectl get pods --namespace=kube-system kindnet', 'kubectl get pods --namespace=kube-system kindnet-jtv5v '],
    ['namespaces after -n', 'kubectl get pods -n local', 'kubectl get pods -n local-path-storage '],
    ['namespace flag value with =', 'kubectl get pods --namespace=loc', 'kubectl get pods --namespace=local-path-storage '],
    ['file paths after -f', 'kubectl apply -f samples/sl', 'kubectl apply -f samples/sleep.yaml '],
    ['flags of the verb', 'kubectl get --all-n', 'kubectl get --all-namespaces '],
    ['--sort-by of get', 'kubectl get pods --sort', 'kubectl get pods --sort-by '],
    ['output formats', 'kubectl get pods -o ya', 'kubectl get pods -o yaml '],
    ['an output format awaiting its value takes no space', 'kubectl get pods -o jsonp', 'kubectl get pods -o jsonpath='],
    ['pods for logs', 'kubectl logs -n kube-system kube-pr', 'kubectl logs -n kube-system kube-proxy-xkwpb '],
    ['rollout subcommands', 'kubectl rollout sta', 'kubectl rollout status '],
    ['set subcommands', 'kubectl set im', 'kubectl set image '],
    ['set types with a pod spec', 'kubectl set env deploym', 'kubectl set env deployments '],
    ['set TYPE/name', 'kubectl set image -n kube-system deployment/cored', 'kubectl set image -n kube-system deployment/coredns '],
    ['after a pipe and ;', 'ls; kubectl ge', 'ls; kubectl get '],
  ])('%s: %j', async (_name, line, expected) => {
    expect(await afterTab(line)).toBe(expected)
  })

  it('completes TYPE/name with the name in the namespace', async () => {
    expect(await afterTab('kubectl describe -n kube-system pod/kube-sch')).toBe('kubectl describe -n kube-system pod/kube-scheduler-kind-control-plane ')
  })

  it('uses the kubeconfig namespace when -n is absent', async () => {
    const text = await afterTab('kubectl get pods local', async (h) => {
      await h.type('kubectl config set-context --current --namespace=local-path-storage\r')
    })
    expect(text).toBe('kubectl get pods local-path-provisioner-7dc846544d-rqlhp ')
  })

  it('offers names of objects the learner created', async () => {
    const text = await afterTab('kubectl delete deploy we', async (h) => {
      await h.type('kubectl create deployment web --image=nginx\r')
    })
    expect(text).toBe('kubectl delete deploy web ')
  })

  it('offers Istio types only once Istio is installed', async () => {
    expect(await afterTab('kubectl get virtualserv')).toBe('kubectl get virtualserv')
    const text = await afterTab('kubectl get virtualserv', async (h) => {
      h.session.store.create({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'virtualservices.networking.istio.io' }, spec: {} })
    })
    expect(text).toBe('kubectl get virtualservices ')
  })

  it('completes a common prefix, then lists the choices in columns on a second Tab', async () => {
    const h = tabHarness()
    await h.type('kubectl get pods -n kube-system kube-')
    h.take()
    await h.type('\t')
    expect(h.editor.state.text).toBe('kubectl get pods -n kube-system kube-')
    await h.type('\t')
    const listing = plain(h.take())
    expect(listing).toContain('kube-apiserver-kind-control-plane')
    expect(listing).toContain('kube-scheduler-kind-control-plane')
    expect(listing).not.toContain('etcd')
    expect(listing.endsWith('$ kubectl get pods -n kube-system kube-')).toBe(true)
  })

  it('rings the bell when nothing matches and leaves the line', async () => {
    const h = tabHarness()
    await h.type('kubectl get nosuch')
    h.take()
    await h.type('\t')
    expect(h.take()).toBe('\x07')
    expect(h.editor.state.text).toBe('kubectl get nosuch')
  })
})
