// Property tests (fast-check): random input never throws out of run(); failing commands leave the VFS unchanged.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from './parse'
import { runCaptured, testShell } from './test-support'

const SHELLISH = fc.constantFrom(
  'echo', 'cat', 'ls', 'x', ' ', ' ', '|', '||', '&&', ';', '\n', '>', '>>', '<', '<<', '2>&1', '"', "'", '`', '$', '$(', ')', '(',
  '{', '}', '${', 'X=1', '*', '?', '\\', 'if', 'then', 'fi', 'for', 'in', 'do', 'done', 'while', 'case', 'esac', ';;', '#', 'a', '-n', 'f',
)
const shellishLine = fc.array(SHELLISH, { maxLength: 25 }).map((parts) => parts.join(''))

describe('property: random input', () => {
  it('never throws, always gives an integer exit code', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 60 }), shellishLine), async (line) => {
      const r = await runCaptured(testShell(), line)
      expect(Number.isInteger(r.code)).toBe(true)
      expect(r.code).toBeGreaterThanOrEqual(0)
    }), { numRuns: 400 })
  })

  it('input that does not parse gives exactly one error line and no output', async () => {
    await fc.assert(fc.asyncProperty(shellishLine, async (line) => {
      const p = parse(line)
      if (p.kind === 'ok') return
      const r = await runCaptured(testShell(), line)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(/^bash: [^\n]*\n$/)
      expect(r.code).toBe(2)
    }), { numRuns: 400 })
  })

  it('parse() never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (s) => {
      expect(['ok', 'incomplete', 'error', 'unsupported']).toContain(parse(s).kind)
    }), { numRuns: 500 })
  })
})

const PATHS = ['f', 'd', 'd/f', 'd/sub', 'nope', 'nope/x', 'f/x', '/', '.', '..', '', 'd/..', '/tmp']
const COMMANDS = fc.oneof(
  fc.tuple(fc.constantFrom('mkdir', 'mkdir -p', 'rm', 'rm -r', 'rm -f', 'cat', 'ls', 'grep a', 'head -n 1', 'wc -l', 'cd'), fc.constantFrom(...PATHS)).map(([c, p]) => `${c} '${p}'`),
  fc.tuple(fc.constantFrom('cp', 'cp -r'), fc.constantFrom(...PATHS), fc.constantFrom(...PATHS)).map(([c, a, b]) => `${c} '${a}' '${b}'`),
  fc.constantFrom('mkdir -z x', 'rm --bogus f', 'cp', 'tee', 'seq x', 'base64 -d nope', 'sort nope', 'cut -f0 f'),
)

describe('property: failing commands', () => {
  it('leave the VFS unchanged', async () => {
    await fc.assert(fc.asyncProperty(COMMANDS, async (cmd) => {
      const sh = testShell()
      await runCaptured(sh, 'echo a > f; mkdir -p d/sub; echo b > d/f')
      const before = JSON.stringify(sh.vfs.toJSON())
      const r = await runCaptured(sh, cmd)
      if (r.code !== 0) expect(JSON.stringify(sh.vfs.toJSON())).toBe(before)
    }), { numRuns: 400 })
  })
})
