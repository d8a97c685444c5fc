// Option parsing for coreutils: GNU-style short flags (`-inv`, `-n 5`, `-n5`), `--` and GNU's error wording.

export interface ParsedArgs {
  flags: Set<string>
  values: Record<string, string>
  /** Every value of a repeatable option (`grep -e a -e b`), in order. */
  lists: Record<string, string[]>
  operands: string[]
}

export interface ArgSpec {
  /** Flags without a value, e.g. 'ivcEn'. */
  flags?: string
  /** Flags that take a value, e.g. 'n'. */
  values?: string
  /** Long options mapped to a short letter, e.g. { recursive: 'r' }. */
  long?: Record<string, string>
}

/** Usage error: the two lines GNU tools print, and the exit status the caller picks. */
export class UsageError extends Error {}

export function parseArgs(tool: string, args: string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = { flags: new Set(), values: {}, lists: {}, operands: [] }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--') { out.operands.push(...args.slice(i + 1)); break }
    if (a.startsWith('--')) { longOption(tool, a, spec, out); continue }
    if (!a.startsWith('-') || a === '-') { out.operands.push(a); continue }
    i = shortOptions(tool, args, i, spec, out)
  }
  return out
}

function shortOptions(tool: string, args: string[], i: number, spec: ArgSpec, out: ParsedArgs): number {
  const a = args[i]
  for (let j = 1; j < a.length; j++) {
    const c = a[j]
    if (spec.values?.includes(c)) {
      const value = j + 1 < a.length ? a.slice(j + 1) : args[++i]
      if (value === undefined) throw new UsageError(`${tool}: option requires an argument -- '${c}'\nTry '${tool} --help' for more information.`)
      setValue(out, c, value)
      return i
    }
    if (!spec.flags?.includes(c)) throw new UsageError(`${tool}: invalid option -- '${c}'\nTry '${tool} --help' for more information.`)
    out.flags.add(c)
  }
  return i
}

function longOption(tool: string, a: string, spec: ArgSpec, out: ParsedArgs): void {
  const [name, value] = a.slice(2).split(/=(.*)/s)
  const short = spec.long?.[name]
  if (!short) throw new UsageError(`${tool}: unrecognized option '${a}'\nTry '${tool} --help' for more information.`)
  if (spec.values?.includes(short)) setValue(out, short, value ?? '')
  else out.flags.add(short)
}

function setValue(out: ParsedArgs, c: string, value: string): void {
  out.values[c] = value
  ;(out.lists[c] ??= []).push(value)
}
