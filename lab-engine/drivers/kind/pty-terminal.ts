// PTY terminal: the learner's real shell in the toolbox (`docker exec -it <toolbox> bash -l`) under node-pty, as a TerminalStream.
//
// node-pty is an optional native dependency: it is imported here, on the first
// terminal, and nowhere else, so hosts running only the sim never need a
// compiler. openTerminal() is synchronous while the import is not, so keys
// typed and resizes sent before the PTY exists are queued and replayed.
import type { Disposable } from '../../core/disposable'
import { toDisposable } from '../../core/disposable'
import { DriverError, type TerminalSize, type TerminalStream } from '../cluster-driver'

export const NODE_PTY_MISSING =
  'the kind driver needs node-pty for terminals, and it is not installed: run `npm install node-pty` on the kind host (it builds a native module: python3, make and a C++ compiler)'

/** The slice of node-pty's IPty this driver uses. */
export interface PtyProcess {
  onData(listener: (data: string) => void): { dispose(): void }
  onExit(listener: (e: { exitCode: number; signal?: number }) => void): { dispose(): void }
  write(data: string): void
  resize(cols: number, rows: number): void
  kill(signal?: string): void
}

export interface PtyModule {
  spawn(file: string, args: string[], options: { name: string; cols: number; rows: number; cwd?: string; env?: Record<string, string | undefined> }): PtyProcess
}

export type PtyLoader = () => Promise<PtyModule>

/** Imports node-pty by a name the bundler and the type checker leave alone (it is not a declared dependency). */
export const loadNodePty: PtyLoader = async () => {
  const specifier = 'node-pty'
  try {
    return (await import(/* @vite-ignore */ specifier)) as PtyModule
  } catch {
    throw new DriverError('unsupported', NODE_PTY_MISSING)
  }
}

/** Ctrl-L: bash's readline clears the screen and repaints the prompt and the line being typed. */
const REDRAW = '\x0c'

export function openPtyTerminal(load: PtyLoader, argv: readonly string[], size: TerminalSize): TerminalStream {
  const dataListeners = new Set<(d: string) => void>()
  const exitListeners = new Set<(c: number) => void>()
  const pending: ((p: PtyProcess) => void)[] = []
  let pty: PtyProcess | undefined
  let closed = false
  const exit = (code: number) => {
    if (closed) return
    closed = true
    exitListeners.forEach((l) => l(code))
  }
  const withPty = (fn: (p: PtyProcess) => void) => (pty ? fn(pty) : closed ? undefined : void pending.push(fn))

  load().then(
    (mod) => {
      if (closed) return
      pty = mod.spawn(argv[0]!, argv.slice(1), { name: 'xterm-256color', cols: size.cols, rows: size.rows, env: { ...process.env, TERM: 'xterm-256color' } })
      pty.onData((d) => dataListeners.forEach((l) => l(d)))
      pty.onExit((e) => exit(e.exitCode))
      pending.splice(0).forEach((fn) => fn(pty!))
    },
    (err: unknown) => {
      const message = err instanceof DriverError ? err.message : NODE_PTY_MISSING
      dataListeners.forEach((l) => l(`\r\nmesh-dojo: ${message}\r\n`))
      exit(1)
    },
  )

  return {
    write: (data) => withPty((p) => p.write(data)),
    resize: (s) => withPty((p) => p.resize(s.cols, s.rows)),
    redraw: () => withPty((p) => p.write(REDRAW)),
    onData: (l) => listen(dataListeners, l),
    onExit: (l) => listen(exitListeners, l),
    dispose: () => {
      pending.length = 0
      pty?.kill()
      closed = true
    },
  }
}

function listen<T>(set: Set<T>, listener: T): Disposable {
  set.add(listener)
  return toDisposable(() => set.delete(listener))
}
