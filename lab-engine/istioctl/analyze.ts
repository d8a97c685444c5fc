// istioctl analyze [-n ns | -A] [files...|-f file]: the cluster (overlaid with the files) through the analyzers.
//
// istio.io/latest/docs/ops/diagnostic-tools/istioctl-analyze/: messages print as
// `Error [IST0101] (VirtualService default/reviews file.yaml:9) Referenced ...`; with no
// messages, `✔ No validation issues found when analyzing namespace: default.`; when
// a message reaches --failure-threshold (default Error) stderr gets
// `Error: Analyzers found issues when analyzing namespace: default.` and the docs
// link, and the exit code is 79 (istioctl's AnalyzerFoundIssuesError). Info and
// Warning alone exit 0. --output-threshold (default Info) hides lower levels.
// A file object replaces the live object of the same kind/namespace/name.

import type { KubeObject } from '../cluster/types'
import { ISTIO_VERSION } from '../istio/version'
import { bool, flag, flagAll } from '../kubectl/commands/flags'
import { runAnalyzers, type AnalysisInput, type Level } from './analyzers'
import { IstioctlError, type SubContext, type Subcommand } from './context'
import { readObjects } from './file-input'

export const ANALYZE_FOUND_ISSUES_EXIT = 79
const LEVELS: Record<string, number> = { Error: 0, Warning: 1, Info: 2 }

export const analyzeCommand: Subcommand = {
  path: ['analyze'],
  short: 'Analyze Istio configuration and print validation messages',
  flags: [
    { name: 'all-namespaces', short: 'A' }, { name: 'filename', short: 'f', value: true, repeat: true }, { name: 'use-kube', short: 'k', value: true },
    { name: 'output-threshold', value: true }, { name: 'failure-threshold', value: true }, { name: 'output', short: 'o', value: true },
    { name: 'recursive', short: 'R' }, { name: 'color', value: true }, { name: 'verbose', short: 'v' },
  ],
  run(ctx) {
    const outputThreshold = levelFlag(ctx, 'output-threshold', 'Info')
    const failureThreshold = levelFlag(ctx, 'failure-threshold', 'Error')
    const all = bool(ctx.flags, 'all-namespaces')
    const files = [...ctx.args, ...flagAll(ctx.flags, 'filename')].map((f) => readObjects(ctx, f))
    const input = analysisInput(ctx, files, all)
    const messages = runAnalyzers(input).filter((m) => LEVELS[m.level]! <= outputThreshold)
    const scope = all ? 'all namespaces' : `namespace: ${ctx.namespace}`
    if (messages.length === 0) {
      ctx.out(`✔ No validation issues found when analyzing ${scope}.\n`)
      return 0
    }
    for (const m of messages) ctx.out(`${m.level} [${m.code}] (${m.resource}${m.origin ? ` ${m.origin}` : ''}) ${m.text}\n`)
    if (!messages.some((m) => LEVELS[m.level]! <= failureThreshold)) return 0
    const minor = ISTIO_VERSION.split('.').slice(0, 2).join('.')
    ctx.err(`Error: Analyzers found issues when analyzing ${scope}.\nSee https://istio.io/v${minor}/docs/reference/config/analysis for more information about causes and resolutions.\n`)
    return ANALYZE_FOUND_ISSUES_EXIT
  },
}

function levelFlag(ctx: SubContext, name: string, fallback: Level): number {
  const v = flag(ctx.flags, name) ?? fallback
  const level = LEVELS[v]
  if (level === undefined) throw new IstioctlError(`invalid --${name} '${v}' (valid values: [Error Warning Info])`)
  return level
}

function analysisInput(ctx: SubContext, files: ReturnType<typeof readObjects>[], all: boolean): AnalysisInput {
  const store = ctx.env.store
  const origins = new Map<KubeObject, string>()
  const overlay = new Map<string, KubeObject[]>()
  for (const f of files) {
    for (const { object, line } of f.objects) {
      const o = object as unknown as KubeObject
      const meta = { ...(o.metadata ?? {}), namespace: o.metadata?.namespace ?? (o.kind === 'Namespace' ? undefined : ctx.namespace) } as KubeObject['metadata']
      const obj = { ...o, metadata: meta }
      origins.set(obj, `${f.source}:${line}`)
      overlay.set(obj.kind, [...(overlay.get(obj.kind) ?? []), obj])
    }
  }
  const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`
  const namespaces = all ? store.list({ kind: 'Namespace' }).map((n) => n.metadata.name) : [ctx.namespace]
  return {
    namespaces,
    originOf: (o) => origins.get(o),
    byKind(kind) {
      const fromFiles = overlay.get(kind) ?? []
      const replaced = new Set(fromFiles.map(key))
      const live = safeList(ctx, kind).filter((o) => !replaced.has(key(o)))
      return [...live, ...fromFiles]
    },
  }
}

function safeList(ctx: SubContext, kind: string): KubeObject[] {
  try {
    return ctx.env.store.list({ kind })
  } catch {
    return []
  }
}
