// Resource arguments as kubectl's resource builder reads them: `TYPE[,TYPE] [NAME...]`, `TYPE/NAME ...`, `all`.
//
// Follows k8s.io/cli-runtime/pkg/resource/builder.go: `all` expands to the
// "all" category (pods, services, daemonsets, deployments, replicasets,
// statefulsets, jobs, cronjobs — the ones the sim serves), and mixing
// `TYPE/NAME` with bare names is an error.

import { kindByName, type KindInfo } from '../../cluster/kinds'
import type { KubeObject } from '../../cluster/types'
import { KubectlError, resolveType, type KubectlEnv } from './context'

export interface ResourceRequest {
  info: KindInfo
  /** Empty: every object of the type. */
  names: string[]
}

const ALL_CATEGORY = ['Pod', 'Service', 'Deployment', 'ReplicaSet']

export function parseResourceArgs(env: KubectlEnv, args: readonly string[]): ResourceRequest[] {
  if (args.length === 0) return []
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/'))) throw new KubectlError('there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. \'kubectl get resource/<resource_name>\' instead of \'kubectl get resource resource/<resource_name>\')')
    return args.map((a) => {
      const [type, name] = [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)]
      if (!name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`)
      return { info: resolveType(env, type), names: [name] }
    })
  }
  const types = args[0]!.split(',').filter(Boolean).flatMap((t) => (t.toLowerCase() === 'all' ? ALL_CATEGORY.map((k) => kindByName(k)!) : [resolveType(env, t)]))
  if (args[0]!.split(',').includes('all') && args.length > 1) throw new KubectlError('you must specify only one resource')
  return types.map((info) => ({ info, names: args.slice(1) }))
}

/** Namespace for a list: undefined for -A or cluster-scoped kinds. */
export function listNamespace(info: KindInfo, namespace: string, all: boolean): string | undefined {
  return !info.namespaced || all ? undefined : namespace
}

export function objectRef(info: KindInfo, name: string, namespace: string) {
  return { kind: info.kind, apiVersion: info.group ? `${info.group}/${info.versions[0]}` : info.versions[0]!, name, namespace: info.namespaced ? namespace : undefined }
}

/** "pod", "deployment.apps": the resource word in `pod "x" deleted` lines. */
export function singularRef(o: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  const slash = o.apiVersion.lastIndexOf('/')
  const group = slash < 0 ? '' : o.apiVersion.slice(0, slash)
  return group ? `${o.kind.toLowerCase()}.${group}` : o.kind.toLowerCase()
}
