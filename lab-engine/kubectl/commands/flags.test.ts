// kubectl flag parsing: pflag's long/short forms, values, repeats, `--`, and its error wording.
import { describe, expect, it } from 'vitest'
import { bool, flag, flagAll, FlagError, parseFlags, type FlagDef } from './flags'

const DEFS: FlagDef[] = [
  { name: 'all-namespaces', short: 'A' }, { name: 'output', short: 'o', value: true },
  { name: 'filename', short: 'f', value: true, repeat: true }, { name: 'stdin', short: 'i' }, { name: 'tty', short: 't' },
]

describe('parseFlags', () => {
  it.each([
    [['-n', 'shop'], 'shop'], [['-nshop'], 'shop'], [['-n=shop'], 'shop'], [['--namespace=shop'], 'shop'], [['--namespace', 'shop'], 'shop'],
  ])('reads the namespace from %j', (argv, ns) => {
    expect(flag(parseFlags(argv, DEFS), 'namespace')).toBe(ns)
  })

  it('separates positional args, booleans, repeats and everything after --', () => {
    const p = parseFlags(['get', 'pods', '-A', '-it', '-f', 'a.yaml', '-f', 'b.yaml', '-o', 'wide', '--', 'sh', '-c', 'x'], DEFS)
    expect(p.args).toEqual(['get', 'pods'])
    expect(bool(p, 'all-namespaces') && bool(p, 'stdin') && bool(p, 'tty')).toBe(true)
    expect(flagAll(p, 'filename')).toEqual(['a.yaml', 'b.yaml'])
    expect(flag(p, 'output')).toBe('wide')
    expect(p.dashArgs).toEqual(['sh', '-c', 'x'])
  })

  it.each([
    [['--bogus'], 'unknown flag: --bogus'],
    [['--bogus=1'], 'unknown flag: --bogus'],
    [['-z'], "unknown shorthand flag: 'z' in -z"],
    [['-Az'], "unknown shorthand flag: 'z' in -Az"],
    [['--output'], 'flag needs an argument: --output'],
    [['-o'], "flag needs an argument: 'o' in -o"],
  ])('rejects %j', (argv, message) => {
    expect(() => parseFlags(argv, DEFS)).toThrow(FlagError)
    expect(() => parseFlags(argv, DEFS)).toThrow(message)
  })

  it('treats a lone - as a value, not a flag', () => {
    expect(parseFlags(['-'], DEFS).args).toEqual(['-'])
  })
})
