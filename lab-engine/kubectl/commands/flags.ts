// kubectl flag parsing: pflag-style `-n ns`, `-nns`, `--namespace=ns`, `--namespace ns`, booleans and `--`.
//
// Error wording follows spf13/pflag as kubectl prints it through cmdutil.CheckErr:
// `error: unknown flag: --x`, `error: unknown shorthand flag: 'z' in -z`,
// `error: flag needs an argument: --namespace`, then `See 'kubectl get --help' for usage.`

export interface FlagDef {
  name: string
  short?: string
  /** Takes a value (string flag) rather than being a boolean. */
  value?: boolean
  /** May repeat (`-f a -f b`); values are collected in order. */
  repeat?: boolean
}

export interface ParsedFlags {
  args: string[]
  /** Values by long name; booleans are "true"/"false". Repeated flags keep the last, `all()` keeps every one. */
  values: Map<string, string[]>
  /** Everything after a bare `--` (kubectl exec/run command lines). */
  dashArgs: string[] | undefined
}

export class FlagError extends Error {}

/** Flags every verb accepts (kubectl's global flags we model). */
export const GLOBAL_FLAGS: readonly FlagDef[] = [
  { name: 'namespace', short: 'n', value: true },
  { name: 'context', value: true },
  { name: 'kubeconfig', value: true },
  { name: 'request-timeout', value: true },
  { name: 'v', short: 'v', value: true },
]

export function parseFlags(argv: readonly string[], defs: readonly FlagDef[]): ParsedFlags {
  const all = [...GLOBAL_FLAGS, ...defs]
  const out: ParsedFlags = { args: [], values: new Map(), dashArgs: undefined }
  const put = (def: FlagDef, v: string) => out.values.set(def.name, [...(def.repeat ? out.values.get(def.name) ?? [] : []), v])
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') { out.dashArgs = argv.slice(i + 1); break }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      const name = a.slice(2, eq < 0 ? undefined : eq)
      const def = all.find((d) => d.name === name)
      if (!def) throw new FlagError(`unknown flag: --${name}`)
      if (!def.value) { put(def, eq < 0 ? 'true' : a.slice(eq + 1)); continue }
      if (eq >= 0) { put(def, a.slice(eq + 1)); continue }
      if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`)
      put(def, argv[++i]!)
      continue
    }
    if (a.startsWith('-') && a.length > 1) {
      i = shortFlags(argv, i, all, put)
      continue
    }
    out.args.push(a)
  }
  return out
}

/** `-A`, `-n ns`, `-nns`, `-n=ns`, combined booleans (`-it`). Returns the last index consumed. */
function shortFlags(argv: readonly string[], i: number, all: readonly FlagDef[], put: (d: FlagDef, v: string) => void): number {
  const a = argv[i]!
  for (let j = 1; j < a.length; j++) {
    const c = a[j]!
    const def = all.find((d) => d.short === c)
    if (!def) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`)
    if (!def.value) { put(def, 'true'); continue }
    const rest = a.slice(j + 1)
    if (rest) { put(def, rest.startsWith('=') ? rest.slice(1) : rest); return i }
    if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`)
    put(def, argv[i + 1]!)
    return i + 1
  }
  return i
}

export function flag(p: ParsedFlags, name: string): string | undefined {
  const v = p.values.get(name)
  return v?.[v.length - 1]
}

export function flagAll(p: ParsedFlags, name: string): string[] {
  return p.values.get(name) ?? []
}

export function bool(p: ParsedFlags, name: string): boolean {
  const v = flag(p, name)
  return v !== undefined && v !== 'false'
}
