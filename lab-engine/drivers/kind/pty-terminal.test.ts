import { describe, expect, it } from 'vitest'
import { DriverError } from '../cluster-driver'
import { loadNodePty, NODE_PTY_MISSING, openPtyTerminal, type PtyModule, type PtyProcess } from './pty-terminal'

const tick = () => new Promise((res) => setImmediate(res))

function fakePtyModule() {
  const spawned: { file: string; args: string[]; cols: number; rows: number }[] = []
  const writes: string[] = []
  const resizes: [number, number][] = []
  let emit: (d: string) => void = () => undefined
  let exit: (e: { exitCode: number }) => void = () => undefined
  const proc: PtyProcess = {
    onData: (l) => ((emit = l), { dispose: () => undefined }),
    onExit: (l) => ((exit = l), { dispose: () => undefined }),
    write: (d) => void writes.push(d),
    resize: (c, r) => void resizes.push([c, r]),
    kill: () => exit({ exitCode: 129 }),
  }
  const mod: PtyModule = { spawn: (file, args, o) => (spawned.push({ file, args, cols: o.cols, rows: o.rows }), proc) }
  return { mod, spawned, writes, resizes, emit: (d: string) => emit(d), exit: (c: number) => exit({ exitCode: c }) }
}

describe('openPtyTerminal (with a fake node-pty)', () => {
  it('spawns the argv at the given size and queues input and resizes sent before the PTY exists', async () => {
    const fake = fakePtyModule()
    const term = openPtyTerminal(async () => fake.mod, ['docker', 'exec', '-it', 'tb', 'bash', '-l'], { cols: 80, rows: 24 })
    term.write('ls\r')
    term.resize({ cols: 132, rows: 43 })
    expect(fake.spawned).toEqual([])
    await tick()
    expect(fake.spawned).toEqual([{ file: 'docker', args: ['exec', '-it', 'tb', 'bash', '-l'], cols: 80, rows: 24 }])
    expect(fake.writes).toEqual(['ls\r'])
    expect(fake.resizes).toEqual([[132, 43]])
  })

  it('passes output to listeners until they stop listening, redraws with Ctrl-L, reports the exit once', async () => {
    const fake = fakePtyModule()
    const term = openPtyTerminal(async () => fake.mod, ['bash'], { cols: 80, rows: 24 })
    await tick()
    const out: string[] = []
    const exits: number[] = []
    const sub = term.onData((d) => out.push(d))
    term.onExit((c) => exits.push(c))
    fake.emit('learner@toolbox:~$ ')
    sub.dispose()
    fake.emit('ignored')
    term.redraw()
    expect(fake.writes).toEqual(['\x0c'])
    fake.exit(0)
    fake.exit(0)
    expect(out).toEqual(['learner@toolbox:~$ '])
    expect(exits).toEqual([0])
  })

  it('without node-pty, the screen says to install it and the terminal exits 1', async () => {
    const term = openPtyTerminal(async () => Promise.reject(new DriverError('unsupported', NODE_PTY_MISSING)), ['bash'], { cols: 80, rows: 24 })
    const out: string[] = []
    const exits: number[] = []
    term.onData((d) => out.push(d))
    term.onExit((c) => exits.push(c))
    term.write('typed while loading\r')
    await tick()
    expect(out.join('')).toMatch(/npm install node-pty/)
    expect(exits).toEqual([1])
  })

  it('dispose before the PTY exists means it is never spawned', async () => {
    const fake = fakePtyModule()
    const term = openPtyTerminal(async () => fake.mod, ['bash'], { cols: 80, rows: 24 })
    term.dispose()
    await tick()
    expect(fake.spawned).toEqual([])
  })

  it('the real loader turns a missing node-pty into the operator message', async () => {
    let found = true
    try {
      await import(/* @vite-ignore */ ['node', 'pty'].join('-'))
    } catch {
      found = false
    }
    if (found) return expect(await loadNodePty()).toHaveProperty('spawn')
    await expect(loadNodePty()).rejects.toMatchObject({ code: 'unsupported', message: NODE_PTY_MISSING })
  })
})
