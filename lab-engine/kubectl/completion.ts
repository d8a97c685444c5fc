// kubectl Tab completion: verbs, resource types, object names, flags, namespaces; `-f` falls back to paths.
//
// Follows what `source <(kubectl completion bash)` offers (cobra's __complete): verbs after
// `kubectl `, resource types after get/describe/delete/edit/label/..., the names of objects of that
// type in the namespace from -n (else the kubeconfig's), `TYPE/name` forms, flags after `-`.
// Assumption: types are offered by plural name (as `kubectl api-resources -o name` lists them);
// a prefix no plural matches falls back to singular and short names, so `svc<Tab>` still completes.
import { KINDS, resolveResource, type KindInfo } from '../cluster/kinds'
import type { ArgumentCompleter } from '../shell/registry'
import { VERBS } from './commands'
import { istioInstalled, type KubectlEnv } from './commands/context'
import { GLOBAL_FLAGS, type FlagDef } from './commands/flags'

/** Verbs whose first argument is a resource type, then names of that type. */
const TYPED_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale'])
/** Verbs whose first argument is a pod (or TYPE/name). */
const POD_VERBS = new Set(['logs', 'exec', 'port-forward', 'attach'])
const SUBCOMMANDS: Record<string, string[]> = {
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  config: ['current-context', 'get-contexts', 'set-context', 'use-context', 'view'],
  create: ['configmap', 'deployment', 'namespace', 'secret', 'service', 'serviceaccount'],
  set: ['env', 'image'],
}
/** The types `kubectl set image|env` can change in the sim (ones with a pod spec). */
const POD_SPEC_TYPES = ['deployments', 'pods', 'replicasets']
const OUTPUT_FORMATS = ['json', 'yaml', 'wide', 'name', 'custom-columns=', 'jsonpath=', 'go-template=']

interface Parsed { verb?: string; positional: string[]; namespace?: string; previousFlag?: FlagDef }

export function createKubectlCompleter(env: KubectlEnv): ArgumentCompleter {
  return (words, word) => {
    const parsed = parseWords(words.slice(1))
    const prev = parsed.previousFlag
    if (prev) return completeFlagValue(env, prev)
    const eq = /^--([a-z-]+)=(.*)$/.exec(word)
    if (eq) return completeFlagValue(env, { name: eq[1], value: true })?.map((v) => `--${eq[1]}=${v}`) ?? null
    if (word.startsWith('-')) return flagNames(parsed.verb)
    if (!parsed.verb) return VERBS.map((v) => v.name).sort()
    return completeArgument(env, parsed, word)
  }
}

function completeArgument(env: KubectlEnv, parsed: Parsed, word: string): string[] {
  const { verb, positional } = parsed
  const ns = namespaceOf(env, parsed)
  if (SUBCOMMANDS[verb!] && positional.length === 0) return SUBCOMMANDS[verb!]
  if (verb === 'rollout' && positional.length === 1) return typeCandidates(env, word, ['deployments'])
  if (verb === 'rollout' && positional.length === 2) return namesOf(env, resolveResource(positional[1]), ns)
  if (verb === 'set' && positional.length === 1) return word.includes('/') ? typedNames(env, word, ns) : typeCandidates(env, word, POD_SPEC_TYPES)
  if (verb === 'set' && positional.length === 2 && !positional[1].includes('/')) return namesOf(env, resolveResource(positional[1]), ns)
  if (POD_VERBS.has(verb!) && positional.length === 0) {
    if (word.includes('/')) return typedNames(env, word, ns)
    return namesOf(env, resolveResource('pods'), ns)
  }
  if (!TYPED_VERBS.has(verb!)) return []
  if (positional.length === 0) return word.includes('/') ? typedNames(env, word, ns) : typeCandidates(env, word)
  const type = positional[0]
  if (type.includes('/')) return typedNames(env, word, ns)
  return namesOf(env, served(env, type), ns)
}

/** Plural names of served kinds; singular and short names only when no plural fits the prefix. */
function typeCandidates(env: KubectlEnv, word: string, only?: string[]): string[] {
  const kinds = KINDS.filter((k) => !k.istio || istioInstalled(env.store)).filter((k) => !only || only.includes(k.plural))
  const plurals = kinds.map((k) => k.plural).filter((p) => p.startsWith(word.toLowerCase()))
  if (plurals.length) return plurals.sort()
  return kinds.flatMap((k) => [k.singular, ...k.shortNames]).filter((n) => n.startsWith(word.toLowerCase())).sort()
}

/** `pods/det` -> `pods/details-v1-...`, keeping the type as typed. */
function typedNames(env: KubectlEnv, word: string, ns: string): string[] {
  const slash = word.indexOf('/')
  const typed = word.slice(0, slash)
  return namesOf(env, served(env, typed), ns).map((n) => `${typed}/${n}`)
}

function namesOf(env: KubectlEnv, info: KindInfo | undefined, ns: string): string[] {
  if (!info) return []
  return env.store.list({ kind: info.kind, namespace: info.namespaced ? ns : undefined }).map((o) => o.metadata.name).sort()
}

function served(env: KubectlEnv, typed: string): KindInfo | undefined {
  const info = resolveResource(typed)
  return info && (!info.istio || istioInstalled(env.store)) ? info : undefined
}

function completeFlagValue(env: KubectlEnv, def: FlagDef): string[] | null {
  if (def.name === 'namespace') return namesOf(env, resolveResource('namespaces'), '')
  if (def.name === 'filename' || def.name === 'kubeconfig') return null
  if (def.name === 'output') return OUTPUT_FORMATS
  return []
}

function flagNames(verb: string | undefined): string[] {
  const defs = [...GLOBAL_FLAGS, ...(VERBS.find((v) => v.name === verb)?.flags ?? [])]
  return [...new Set(defs.flatMap((d) => [`--${d.name}`, ...(d.short ? [`-${d.short}`] : [])]))].sort()
}

/** Walks the words after `kubectl`: the verb, positional arguments, -n, and a value flag still waiting for its value. */
function parseWords(args: string[]): Parsed {
  const out: Parsed = { positional: [] }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a.startsWith('-') && a !== '-') {
      const def = findFlag(out.verb, a)
      const inline = /^--[^=]+=(.*)$/.exec(a)?.[1] ?? (/^-[a-zA-Z]./.test(a) && def?.value ? a.slice(2) : undefined)
      // `--namespace=<Tab>`: the shell breaks the word at `=`, so the flag arrives with an empty value.
      if (def?.value && inline === '' && i === args.length - 1) { out.previousFlag = def; break }
      if (def?.value && inline === undefined) {
        if (i === args.length - 1) { out.previousFlag = def; break }
        if (def.name === 'namespace') out.namespace = args[i + 1]
        i++
      } else if (def?.name === 'namespace') out.namespace = inline
      continue
    }
    if (!out.verb) out.verb = a
    else out.positional.push(a)
  }
  return out
}

function findFlag(verb: string | undefined, arg: string): FlagDef | undefined {
  const defs = [...GLOBAL_FLAGS, ...(VERBS.find((v) => v.name === verb)?.flags ?? [])]
  const long = /^--([^=]+)/.exec(arg)?.[1]
  if (long) return defs.find((d) => d.name === long)
  return defs.find((d) => d.short === arg[1])
}

function namespaceOf(env: KubectlEnv, parsed: Parsed): string {
  return parsed.namespace || env.kubeconfig?.namespace || 'default'
}
