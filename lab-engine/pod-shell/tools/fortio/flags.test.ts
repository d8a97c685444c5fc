// fortio's command line: Go flag parsing, fortio.org/cli usage errors, versions and limits.
import { describe, expect, it } from 'vitest'
import { fortioShell, run } from './fake-mesh.test-util'
import { parseFlags, printDefaults } from './flags'
import { MAX_THREADS } from './fortio'
import { FORTIO_VERSION } from './version'

const shell = () => fortioShell(() => ({ status: 200, delayMs: 1 })).shell

describe('parseFlags (Go flag package rules)', () => {
  it('reads -name value, -name=value and --name, and stops at the first argument', () => {
    const r = parseFlags(['-c', '2', '--qps=0', '-n', '20', '-curl', 'http://x/', '-t', '1s'])
    expect(r.kind).toBe('ok')
    if (r.kind !== 'ok') return
    expect([r.flags.get('c'), r.flags.get('qps'), r.flags.get('n'), r.flags.get('curl')]).toEqual([2, 0, 20, true])
    expect(r.args).toEqual(['http://x/', '-t', '1s'])
  })

  it('collects repeated -H, parses durations and log levels case-insensitively', () => {
    const r = parseFlags(['-H', 'a: 1', '-H', 'b: 2', '-t', '1m30s', '-loglevel', 'warning'])
    if (r.kind !== 'ok') throw new Error(r.kind)
    expect([r.flags.get('H'), r.flags.get('t'), r.flags.get('loglevel')]).toEqual([['a: 1', 'b: 2'], 90_000, 3])
  })

  it('reports errors in Go\'s words', () => {
    expect(parseFlags(['-bogus'])).toEqual({ kind: 'error', message: 'flag provided but not defined: -bogus' })
    expect(parseFlags(['-c'])).toEqual({ kind: 'error', message: 'flag needs an argument: -c' })
    expect(parseFlags(['-c', 'abc'])).toEqual({ kind: 'error', message: 'invalid value "abc" for flag -c: parse error' })
    expect(parseFlags(['-t', '10'])).toEqual({ kind: 'error', message: 'invalid value "10" for flag -t: parse error' })
    expect(parseFlags(['-curl=maybe'])).toEqual({ kind: 'error', message: 'invalid boolean value "maybe" for -curl: parse error' })
    expect(parseFlags(['-loglevel', 'loud'])).toEqual({ kind: 'error', message: 'invalid value "loud" for flag -loglevel: should be one of [Debug Verbose Info Warning Error Critical Fatal]' })
    expect(parseFlags(['-h'])).toEqual({ kind: 'help' })
  })

  it('prints defaults like flag.PrintDefaults: one-letter booleans inline, others on the next line', () => {
    const text = printDefaults()
    expect(text).toContain('  -a\tAutomatically save JSON result with filename based on labels & timestamp\n')
    expect(text).toContain('  -c int\n    \tNumber of connections/goroutine/threads (default 4)\n')
    expect(text).toContain('  -p string\n    \tList of pXX to calculate (default "50,75,90,99,99.9")\n')
    expect(text.indexOf('  -H key:value')).toBeLessThan(text.indexOf('  -a\t'))
  })
})

describe('fortio command line', () => {
  it('version, help and no command', async () => {
    expect(await run(shell(), 'fortio version')).toEqual({ code: 0, stdout: `${FORTIO_VERSION}\n`, stderr: '' })
    const help = await run(shell(), 'fortio help')
    expect(help.code).toBe(0)
    expect(help.stdout.split('\n').slice(0, 2)).toEqual([`Φορτίο ${FORTIO_VERSION} usage:`, '\tfortio command [flags] target'])
    expect(help.stdout).toContain('\nor 1 of the special arguments\n\tfortio {help|envhelp|version|buildinfo}\nflags:\n')
    const none = await run(shell(), 'fortio')
    expect(none.code).toBe(1)
    expect(none.stderr.endsWith('Missing command argument\n')).toBe(true)
  })

  it('bad flags exit 2 with the error then the usage; -h exits 0', async () => {
    const bad = await run(shell(), 'fortio load -bogus http://httpbin:8000/')
    expect(bad.code).toBe(2)
    expect(bad.stderr.startsWith(`flag provided but not defined: -bogus\nΦορτίο ${FORTIO_VERSION} usage:\n`)).toBe(true)
    const h = await run(shell(), 'fortio load -h')
    expect(h.code).toBe(0)
    expect(h.stderr.startsWith(`Φορτίο ${FORTIO_VERSION} usage:\n`)).toBe(true)
  })

  it('flags after the URL are arguments, and fortio wants at most one', async () => {
    const r = await run(shell(), 'fortio load http://httpbin:8000/get -c 2')
    expect(r.code).toBe(1)
    expect(r.stderr.endsWith('At most 1 argument expected, got 3\n')).toBe(true)
  })

  it('unknown commands and bad percentiles use fortio\'s messages', async () => {
    expect((await run(shell(), 'fortio blast http://x/')).stderr.endsWith('Error: unknown command "blast"\n')).toBe(true)
    const p = await run(shell(), 'fortio load -p 50,100 http://httpbin:8000/')
    expect(p.code).toBe(1)
    expect(p.stderr.endsWith('Unable to extract percentiles from -p: percentile 100 must be > 0 and < 100\n')).toBe(true)
  })

  it('refuses runs past the simulator\'s limits before sending anything', async () => {
    const { shell: s, seen } = fortioShell(() => ({ status: 200, delayMs: 1 }))
    const r = await run(s, `fortio load -c ${MAX_THREADS + 1} -n 10 http://httpbin:8000/`)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`-c ${MAX_THREADS + 1}`)
    expect(seen).toHaveLength(0)
  })

  it('-p chooses the percentiles printed', async () => {
    const r = await run(shell(), 'fortio load -quiet -p 10,95 -c 1 -n 2 http://httpbin:8000/')
    expect(r.stderr.match(/# target [\d.]+%/g)).toEqual(['# target 10%', '# target 95%'])
  })
})
