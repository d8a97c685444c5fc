// kubectl delete: by TYPE NAME, TYPE/NAME, -l selector, --all or -f; one `kind "name" deleted` line per object.
//
// Follows k8s.io/kubectl/pkg/cmd/delete/delete.go as of v1.33 (`pod "web" deleted`;
// NotFound as `Error from server (NotFound): pods "x" not found`; an empty
// selector match prints "No resources found"). Cascading follows the store's
// garbage collector (background by default).

import { ApiError, notFound } from '../../cluster/api-error'
import { kindFor } from '../../cluster/kinds'
import type { KubeObject } from '../../cluster/types'
import { serverError } from './apply'
import { errorLine, KubectlError, type Verb, type VerbContext } from './context'
import { bool, flag, flagAll } from './flags'
import { readManifests, withNamespace } from './manifest-input'
import { listNamespace, objectRef, parseResourceArgs, singularRef } from './resource-args'

const NO_ARGS = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`

export const deleteVerb: Verb = {
  name: 'delete',
  flags: [
    { name: 'filename', short: 'f', value: true, repeat: true }, { name: 'selector', short: 'l', value: true }, { name: 'all' },
    { name: 'all-namespaces', short: 'A' }, { name: 'ignore-not-found' }, { name: 'now' }, { name: 'force' },
    { name: 'grace-period', value: true }, { name: 'wait', value: true }, { name: 'cascade', value: true }, { name: 'recursive', short: 'R' },
  ],
  run(ctx) {
    if (flagAll(ctx.flags, 'filename').length > 0) return deleteFromFiles(ctx)
    if (ctx.flags.args.length === 0) throw new KubectlError(NO_ARGS)
    const requests = parseResourceArgs(ctx.env, ctx.flags.args)
    const selector = flag(ctx.flags, 'selector')
    const everything = bool(ctx.flags, 'all')
    const errors: string[] = []
    let matched = 0
    for (const { info, names } of requests) {
      if (names.length === 0 && selector === undefined && !everything) throw new KubectlError('resource(s) were provided, but no name was specified')
      const targets = names.length > 0 ? names.map((n) => ({ name: n, obj: ctx.env.store.get(objectRef(info, n, ctx.namespace)) }))
        : ctx.env.store.list({ kind: info.kind, apiVersion: objectRef(info, '', '').apiVersion, namespace: listNamespace(info, ctx.namespace, bool(ctx.flags, 'all-namespaces')), labelSelector: selector }).map((o) => ({ name: o.metadata.name, obj: o as KubeObject | undefined }))
      for (const t of targets) {
        if (!t.obj) { if (!bool(ctx.flags, 'ignore-not-found')) errors.push(errorLine(notFound(info, t.name))); continue }
        matched++
        deleteOne(ctx, t.obj, errors)
      }
    }
    if (matched === 0 && errors.length === 0) ctx.err('No resources found\n')
    for (const e of errors) ctx.err(e + '\n')
    return errors.length > 0 ? 1 : 0
  },
}

function cascade(ctx: VerbContext) {
  const c = flag(ctx.flags, 'cascade') ?? 'background'
  return c === 'orphan' ? 'Orphan' : c === 'foreground' ? 'Foreground' : 'Background'
}

function deleteOne(ctx: VerbContext, obj: KubeObject, errors: string[]): void {
  try {
    ctx.env.store.delete({ kind: obj.kind, apiVersion: obj.apiVersion, name: obj.metadata.name, namespace: obj.metadata.namespace }, { propagationPolicy: cascade(ctx) })
    ctx.out(`${singularRef(obj)} "${obj.metadata.name}" deleted\n`)
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    errors.push(errorLine(e))
  }
}

function deleteFromFiles(ctx: VerbContext): number {
  const { items, errors } = readManifests(ctx)
  for (const item of items) {
    const info = kindFor(String(item.object.apiVersion), String(item.object.kind))!
    const obj = withNamespace(ctx, item, info.namespaced) as { metadata: { name?: string; namespace?: string } }
    const live = ctx.env.store.get({ kind: info.kind, apiVersion: String(item.object.apiVersion), name: obj.metadata.name ?? '', namespace: obj.metadata.namespace })
    if (!live) {
      if (!bool(ctx.flags, 'ignore-not-found')) errors.push(serverError(notFound(info, obj.metadata.name ?? ''), item, 'deleting'))
      continue
    }
    deleteOne(ctx, live, errors)
  }
  for (const e of errors) ctx.err(e + '\n')
  return errors.length > 0 ? 1 : 0
}
