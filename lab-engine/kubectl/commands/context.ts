// What a kubectl verb runs against: the session's store and clock, the shell's I/O, and parsed flags.

import type { Clock } from '../../core/clock'
import type { UiChannel } from '../../core/ui-channel'
import { ApiError } from '../../cluster/api-error'
import { resolveResource, unknownResourceMessage, type KindInfo } from '../../cluster/kinds'
import type { ObjectStore } from '../../cluster/store'
import type { CommandContext } from '../../shell/registry'
import { flag, parseFlags, type FlagDef, type ParsedFlags } from './flags'

/** The session pieces kubectl needs; one per sim session. */
export interface KubectlEnv {
  store: ObjectStore
  clock: Clock
  /** Virtual sessions refuse unbounded watches. */
  mode: 'virtual' | 'realtime'
  /** The kubeconfig context's namespace (`kubectl config set-context --current --namespace=x`); default "default". */
  kubeconfig?: { namespace?: string }
  /** The learner's browser (edit, port-forward); absent in the headless CLI. */
  ui?: UiChannel
}

export interface VerbContext {
  env: KubectlEnv
  shell: CommandContext
  /** The verb as typed ("get", "create namespace"), for usage lines. */
  verb: string
  flags: ParsedFlags
  /** -n/--namespace, else "default". */
  namespace: string
  /** -n was given explicitly. */
  namespaceSet: boolean
  out(text: string): void
  err(text: string): void
}

export interface Verb {
  name: string
  flags: readonly FlagDef[]
  run(ctx: VerbContext): number | Promise<number>
}

/** Thrown by a verb to print `error: message` and exit 1. */
export class KubectlError extends Error {}

export function makeContext(env: KubectlEnv, shell: CommandContext, verb: string, argv: readonly string[], defs: readonly FlagDef[]): VerbContext {
  const flags = parseFlags(argv, defs)
  const ns = flag(flags, 'namespace')
  return {
    env, shell, verb, flags,
    namespace: ns || env.kubeconfig?.namespace || 'default',
    namespaceSet: ns !== undefined,
    out: (t) => shell.stdout.write(t),
    err: (t) => shell.stderr.write(t),
  }
}

/** Istio kinds are served once their CRDs exist (after `istioctl install`). */
export function istioInstalled(store: ObjectStore): boolean {
  return store.list({ kind: 'CustomResourceDefinition' }).some((c) => c.metadata.name.endsWith('.istio.io'))
}

/** Resolves a typed resource name, or throws kubectl's unknown-type error. */
export function resolveType(env: KubectlEnv, typed: string): KindInfo {
  const info = resolveResource(typed)
  if (!info || (info.istio && !istioInstalled(env.store))) throw new KubectlError(unknownResourceMessage(typed))
  return info
}

/** The line kubectl prints for an error (server errors keep their own prefix). */
export function errorLine(e: unknown): string {
  if (e instanceof ApiError) return e.kubectlMessage()
  if (e instanceof KubectlError) return `error: ${e.message}`
  return `error: ${(e as Error)?.message ?? String(e)}`
}
