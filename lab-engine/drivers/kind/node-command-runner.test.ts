import type { ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { HostTimers } from '../../core/clock'
import { TIMEOUT_EXIT_CODE } from './command-runner'
import { CappedText, createNodeCommandRunner, KILL_GRACE_MS, type SpawnFn } from './node-command-runner'
import { virtualHost } from './kind-fixtures.test-util'

const REAL_HOST: HostTimers = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) }
const NODE = process.execPath

/** A child process that does nothing until the test makes it close. */
class StuckChild extends EventEmitter {
  readonly stdout = new PassThrough()
  readonly stderr = new PassThrough()
  readonly stdin = new PassThrough()
  constructor(readonly pid: number) {
    super()
  }
  close(code: number | null, signal: NodeJS.Signals | null) {
    this.stdout.end()
    this.stderr.end()
    this.emit('close', code, signal)
  }
}

function stuckRunner() {
  const { clock, host } = virtualHost()
  const kills: [number, string][] = []
  const spawned: { command: string; args: readonly string[]; detached?: boolean; shell?: unknown }[] = []
  const child = new StuckChild(4242)
  const spawn: SpawnFn = (command, args, options) => {
    spawned.push({ command, args, detached: options.detached, shell: options.shell })
    return child as unknown as ChildProcess
  }
  const runner = createNodeCommandRunner({ host, spawn, killGroup: (pid, sig) => void kills.push([pid, sig]) })
  return { runner, clock, kills, child, spawned }
}

function processGone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] === 'Z'
  } catch {
    return true
  }
}

describe('node command runner (real processes: node itself, never docker/kind/kubectl)', () => {
  const runner = createNodeCommandRunner({ host: REAL_HOST })

  it('runs an argv array and returns stdout, stderr and the exit status', async () => {
    const r = await runner.run([NODE, '-e', 'process.stdout.write("out; $(echo no shell)"); process.stderr.write("err"); process.exit(3)'], { timeoutMs: 10_000 })
    expect(r).toEqual({ stdout: 'out; $(echo no shell)', stderr: 'err', exitCode: 3, timedOut: false })
  })

  it('feeds stdin', async () => {
    const r = await runner.run([NODE, '-e', 'process.stdin.pipe(process.stdout)'], { timeoutMs: 10_000, stdin: 'apiVersion: v1\nkind: Namespace\n' })
    expect(r.stdout).toBe('apiVersion: v1\nkind: Namespace\n')
  })

  it('reports a missing executable as exit 127', async () => {
    const r = await runner.run(['mesh-dojo-no-such-tool', 'version'], { timeoutMs: 10_000 })
    expect(r.exitCode).toBe(127)
    expect(r.stderr).toMatch(/ENOENT/)
  })

  it('caps output and says it did', async () => {
    const r = await runner.run([NODE, '-e', 'process.stdout.write("x".repeat(100000))'], { timeoutMs: 10_000, maxOutputBytes: 1000 })
    expect(r.stdout).toHaveLength(1000)
    expect(r.truncated).toBe(true)
  })

  it('kills the whole process group at the deadline: the command and the child it started', async () => {
    const script = 'const c = require("child_process").spawn("sleep", ["30"], { stdio: "ignore" }); console.log(c.pid); setInterval(() => {}, 1000)'
    const r = await runner.run([NODE, '-e', script], { timeoutMs: 400 })
    expect(r).toMatchObject({ timedOut: true, exitCode: TIMEOUT_EXIT_CODE })
    const grandchild = Number(r.stdout.trim())
    expect(grandchild).toBeGreaterThan(0)
    for (let i = 0; i < 50 && !processGone(grandchild); i++) await new Promise((res) => setTimeout(res, 20))
    expect(processGone(grandchild)).toBe(true)
  })

  it('streams stdout as it comes and stops when aborted', async () => {
    const ac = new AbortController()
    const chunks: string[] = []
    const r = await runner.stream([NODE, '-e', 'process.stdout.write("{\\"type\\":\\"ADDED\\"}\\n"); setInterval(() => {}, 1000)'], {
      signal: ac.signal,
      onStdout: (c) => {
        chunks.push(c)
        ac.abort()
      },
    })
    expect(chunks.join('')).toBe('{"type":"ADDED"}\n')
    expect(r.timedOut).toBe(false)
    expect(r.exitCode).toBe(128 + 15)
  })
})

describe('node command runner, with a fake child that never answers', () => {
  it('spawns detached with no shell, SIGTERMs the group at the deadline, SIGKILLs after the grace period', async () => {
    const { runner, clock, kills, child, spawned } = stuckRunner()
    const result = runner.run(['kubectl', 'get', 'pods', '-w'], { timeoutMs: 5_000 })
    expect(spawned).toEqual([{ command: 'kubectl', args: ['get', 'pods', '-w'], detached: true, shell: undefined }])
    clock.advanceBy(4_999)
    expect(kills).toEqual([])
    clock.advanceBy(1)
    expect(kills).toEqual([[4242, 'SIGTERM']])
    clock.advanceBy(KILL_GRACE_MS)
    expect(kills).toEqual([[4242, 'SIGTERM'], [4242, 'SIGKILL']])
    child.close(null, 'SIGKILL')
    expect(await result).toMatchObject({ timedOut: true, exitCode: TIMEOUT_EXIT_CODE })
  })

  it('no SIGKILL when the command ends within the grace period', async () => {
    const { runner, clock, kills, child } = stuckRunner()
    const result = runner.run(['docker', 'exec', 'tb', 'sleep', '1000'], { timeoutMs: 1_000 })
    clock.advanceBy(1_000)
    child.close(null, 'SIGTERM')
    await result
    clock.advanceBy(KILL_GRACE_MS * 2)
    expect(kills).toEqual([[4242, 'SIGTERM']])
  })

  it('an abort kills the group and is not reported as a timeout', async () => {
    const { runner, kills, child } = stuckRunner()
    const ac = new AbortController()
    const result = runner.run(['kind', 'create', 'cluster'], { timeoutMs: 60_000, signal: ac.signal })
    ac.abort()
    expect(kills).toEqual([[4242, 'SIGTERM']])
    child.close(null, 'SIGTERM')
    expect(await result).toMatchObject({ timedOut: false, exitCode: 128 + 15 })
  })
})

describe('CappedText', () => {
  it('never splits a UTF-8 character across chunks, and cuts at the byte cap', () => {
    const t = new CappedText(6)
    const bytes = Buffer.from('✔ ok', 'utf8')
    t.push(bytes.subarray(0, 2))
    t.push(bytes.subarray(2))
    expect(t.text()).toBe('✔ ok')
    expect(t.truncated).toBe(false)
    const cut = new CappedText(4)
    cut.push(Buffer.from('abcdef'))
    expect([cut.text(), cut.truncated]).toEqual(['abcd', true])
  })
})
