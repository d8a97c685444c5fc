// kubectl get: list or fetch objects and print them as tables, yaml, json, name, jsonpath or custom columns.
//
// Follows k8s.io/kubectl/pkg/cmd/get/get.go: missing names are NotFound errors
// printed after what was found; a single named object prints alone for -o yaml/json;
// several types (or `all`) prefix names with "kind.group/"; --sort-by orders what prints (get-sort.ts)
// and is ignored, with a warning, when watching.

import { notFound } from '../../cluster/api-error'
import type { KubeObject } from '../../cluster/types'
import { parseOutputFormat, printObjects, type OutputFormat } from '../printers'
import { errorLine, KubectlError, type Verb, type VerbContext } from './context'
import { bool, flag } from './flags'
import { klogFatal, SortFatal, sortForOutput, type TableGroup } from './get-sort'
import { listNamespace, objectRef, parseResourceArgs } from './resource-args'
import { watchChanges } from './watch'

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`

export const getVerb: Verb = {
  name: 'get',
  flags: [
    { name: 'all-namespaces', short: 'A' }, { name: 'selector', short: 'l', value: true }, { name: 'output', short: 'o', value: true },
    { name: 'show-labels' }, { name: 'watch', short: 'w' }, { name: 'label-columns', short: 'L', value: true, repeat: true },
    { name: 'no-headers' }, { name: 'show-kind' }, { name: 'ignore-not-found' }, { name: 'watch-only' },
    { name: 'sort-by', value: true },
  ],
  async run(ctx) {
    const watchOnly = bool(ctx.flags, 'watch-only')
    const watching = watchOnly || bool(ctx.flags, 'watch')
    const sortBy = flag(ctx.flags, 'sort-by') ?? ''
    if (sortBy && watching) ctx.err('warning: --watch or --watch-only requested, --sort-by will be ignored\n')
    if (ctx.flags.args.length === 0) { ctx.err(NO_TYPE); return 1 }
    const format = parseOutputFormat(flag(ctx.flags, 'output') ?? '')
    if (typeof format === 'string') throw new KubectlError(format)
    const collected = collect(ctx)
    const { errors, single } = collected
    const objects = sortBy && !watching ? sortedObjects(ctx, sortBy, format, collected) : collected.objects
    if (typeof objects === 'number') return objects
    const all = bool(ctx.flags, 'all-namespaces')
    const requests = parseResourceArgs(ctx.env, ctx.flags.args)
    // get.go watch(): objects of several kinds cannot be watched together (the count is of objects found).
    if (watching && new Set(objects.map((o) => o.kind)).size > 1) throw new KubectlError(`watch is only supported on individual resources and resource collections, but ${objects.length} resources were found`)
    const namespaced = requests.some((r) => r.info.namespaced)
    const showNotFoundLine = errors.length === 0 || objects.length > 0
    const printOpts = {
      now: ctx.env.clock.now(), allNamespaces: all, namespace: all || !namespaced ? undefined : ctx.namespace,
      showLabels: bool(ctx.flags, 'show-labels'), noHeaders: bool(ctx.flags, 'no-headers'),
      labelColumns: ctx.flags.values.get('label-columns')?.flatMap((v) => v.split(',')),
      withKind: bool(ctx.flags, 'show-kind') || requests.length > 1 ? true : undefined, singleItem: single,
    }
    const printed = printObjects(objects, format, printOpts)
    if (!watchOnly) ctx.out(printed.stdout)
    // The watch path lists without the "No resources found" notice (get.go returns into watch() first).
    if (!watching && (showNotFoundLine || format.type !== 'table')) ctx.err(printed.stderr)
    for (const e of errors) ctx.err(e + '\n')
    if (errors.length === 0 && printed.exitCode === 0 && watching) {
      return watchChanges(ctx, { requests, format, print: printOpts, headerShown: !watchOnly && objects.length > 0, initialTable: watchOnly ? '' : printed.stdout, namespace: printOpts.namespace, selector: flag(ctx.flags, 'selector') })
    }
    return errors.length > 0 ? 1 : printed.exitCode
  },
}

/** --sort-by: the objects in print order, or the exit code when sorting ended the command. */
function sortedObjects(ctx: VerbContext, sortBy: string, format: OutputFormat, c: Collected): KubeObject[] | number {
  let result
  try {
    result = sortForOutput({ sortBy, table: format.type === 'table', groups: c.groups, single: c.single })
  } catch (e) {
    if (!(e instanceof SortFatal)) throw e
    ctx.err(klogFatal(e, ctx.env.clock.now()))
    return 255
  }
  if (result.objects) return result.objects
  // printGeneric: the list is not printed; the sort error follows the NotFound errors.
  for (const e of [...c.errors, result.error!]) ctx.err(e + '\n')
  return 1
}

interface Collected { objects: KubeObject[]; groups: TableGroup[]; errors: string[]; single: boolean }

/** The objects found, also grouped as kubectl's resource builder returns them: one group per type listed, one per name found. */
function collect(ctx: VerbContext): Collected {
  const requests = parseResourceArgs(ctx.env, ctx.flags.args)
  const selector = flag(ctx.flags, 'selector')
  const all = bool(ctx.flags, 'all-namespaces')
  const groups: TableGroup[] = []
  const errors: string[] = []
  let named = 0
  for (const { info, names } of requests) {
    if (names.length > 0 && selector !== undefined) throw new KubectlError('name cannot be provided when a selector is specified')
    if (names.length > 0 && all && info.namespaced) throw new KubectlError('a resource cannot be retrieved by name across all namespaces')
    if (names.length === 0) {
      const rows = ctx.env.store.list({ kind: info.kind, apiVersion: objectRef(info, '', '').apiVersion, namespace: listNamespace(info, ctx.namespace, all), labelSelector: selector })
      groups.push({ rows, tableRv: ctx.env.store.resourceVersion() })
      continue
    }
    for (const name of names) {
      named++
      const obj = ctx.env.store.get(objectRef(info, name, ctx.namespace))
      if (obj) groups.push({ rows: [obj], tableRv: obj.metadata.resourceVersion ?? '' })
      else if (!bool(ctx.flags, 'ignore-not-found')) errors.push(errorLine(notFound(info, name)))
    }
  }
  return { objects: groups.flatMap((g) => g.rows), groups, errors, single: named === 1 && requests.length === 1 }
}
