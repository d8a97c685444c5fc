// Cluster-wide information verbs: version, cluster-info, api-resources, config current-context / get-contexts.
//
// Shapes follow kubectl v1.33 against a kind cluster named "kind"
// (kind.sigs.k8s.io/docs/user/quick-start/: context "kind-kind").

import { KUBERNETES_VERSION } from '../../cluster/bootstrap'
import { apiVersionOf, KINDS } from '../../cluster/kinds'
import { alignRows } from '../printers'
import { istioInstalled, KubectlError, type Verb, type VerbContext } from './context'
import { bool, flag } from './flags'

export const KIND_CONTEXT = 'kind-kind'
export const KUSTOMIZE_VERSION = 'v5.6.0'
/** The API server address kind publishes on the host (the port is chosen at cluster creation). */
export const API_SERVER_URL = 'https://127.0.0.1:41435'

export const versionVerb: Verb = {
  name: 'version',
  flags: [{ name: 'client' }, { name: 'output', short: 'o', value: true }],
  run(ctx) {
    ctx.out(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`)
    if (!bool(ctx.flags, 'client')) ctx.out(`Server Version: ${KUBERNETES_VERSION}\n`)
    return 0
  },
}

export const clusterInfoVerb: Verb = {
  name: 'cluster-info',
  flags: [],
  run(ctx) {
    if (ctx.flags.args.length > 0) throw new KubectlError(`unknown command "${ctx.flags.args[0]}" for "kubectl cluster-info"`)
    ctx.out(`Kubernetes control plane is running at ${API_SERVER_URL}\nCoreDNS is running at ${API_SERVER_URL}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`)
    return 0
  },
}

export const apiResourcesVerb: Verb = {
  name: 'api-resources',
  flags: [{ name: 'namespaced', value: true }, { name: 'api-group', value: true }, { name: 'output', short: 'o', value: true }, { name: 'no-headers' }],
  run(ctx) {
    const istio = istioInstalled(ctx.env.store)
    const group = flag(ctx.flags, 'api-group')
    const namespaced = flag(ctx.flags, 'namespaced')
    const kinds = KINDS.filter((k) => (istio || !k.istio) && (group === undefined || k.group === group) && (namespaced === undefined || String(k.namespaced) === namespaced))
    const sorted = [...kinds].sort((a, b) => (a.group === b.group ? (a.plural < b.plural ? -1 : 1) : a.group === '' ? -1 : b.group === '' ? 1 : a.group < b.group ? -1 : 1))
    if (flag(ctx.flags, 'output') === 'name') {
      ctx.out(sorted.map((k) => (k.group ? `${k.plural}.${k.group}` : k.plural) + '\n').join(''))
      return 0
    }
    const rows = sorted.map((k) => [k.plural, k.shortNames.join(','), apiVersionOf(k), String(k.namespaced), k.kind])
    ctx.out(alignRows(bool(ctx.flags, 'no-headers') ? rows : [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], ...rows]))
    return 0
  },
}

export const configVerb: Verb = {
  name: 'config',
  flags: [{ name: 'output', short: 'o', value: true }, { name: 'current' }, { name: 'minify' }],
  run(ctx) {
    const [sub, ...rest] = ctx.flags.args
    const kubeconfig = (ctx.env.kubeconfig ??= {})
    if (sub === 'current-context') { ctx.out(`${KIND_CONTEXT}\n`); return 0 }
    if (sub === 'get-contexts') {
      ctx.out(alignRows([['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ['*', KIND_CONTEXT, KIND_CONTEXT, KIND_CONTEXT, kubeconfig.namespace ?? '']]))
      return 0
    }
    if (sub === 'set-context') return setContext(ctx, rest, kubeconfig)
    throw new KubectlError(sub ? `unknown command "${sub}" for "kubectl config"` : 'You must specify a subcommand (current-context, get-contexts, set-context)')
  },
}

/** `kubectl config set-context --current --namespace=x` (or naming kind-kind): the namespace later commands default to. */
function setContext(ctx: VerbContext, args: string[], kubeconfig: { namespace?: string }): number {
  const name = args[0] ?? (bool(ctx.flags, 'current') ? KIND_CONTEXT : undefined)
  if (name === undefined) throw new KubectlError('you must specify a non-empty context name or --current')
  if (name !== KIND_CONTEXT) throw new KubectlError(`this simulated kubeconfig has one context, "${KIND_CONTEXT}"`)
  if (ctx.namespaceSet) kubeconfig.namespace = flag(ctx.flags, 'namespace') || undefined
  ctx.out(`Context "${KIND_CONTEXT}" modified.\n`)
  return 0
}
