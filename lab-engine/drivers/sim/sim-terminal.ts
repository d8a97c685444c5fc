// The sim's terminal: the engine's line editor over the session shell, as byte streams for xterm.js.
//
// No host shell is involved: keystrokes go to LineEditor, which runs lines in
// the simulated shell. Output listeners are called synchronously; the terminal
// gateway owns buffering and flow control.
import type { Disposable } from '../../core/disposable'
import { LineEditor, shellPrompt } from '../../shell/line-editor'
import type { Shell } from '../../shell'
import type { TerminalSize, TerminalStream } from '../cluster-driver'

export function openSimTerminal(shell: Shell, size: TerminalSize): TerminalStream {
  const dataListeners = new Set<(data: string) => void>()
  const exitListeners = new Set<(code: number) => void>()
  // The editor writes its first prompt while constructing, before anyone listens: keep it for the first listener.
  let early: string | null = ''
  const write = (bytes: string) => {
    if (early !== null && dataListeners.size === 0) early += bytes
    else for (const l of dataListeners) l(bytes)
  }
  const editor = new LineEditor({ shell, write, prompt: shellPrompt(shell) })
  editor.resize(size.cols, size.rows)
  editor.on('exit', (code) => { for (const l of exitListeners) l(code) })
  const listen = <T>(set: Set<T>, l: T): Disposable => (set.add(l), { dispose: () => void set.delete(l) })
  return {
    write: (data) => editor.input(data),
    resize: ({ cols, rows }) => editor.resize(cols, rows),
    redraw: () => editor.redraw(),
    onData: (listener) => {
      const handle = listen(dataListeners, listener)
      if (early) listener(early)
      early = null
      return handle
    },
    onExit: (listener) => listen(exitListeners, listener),
    dispose: () => {
      dataListeners.clear()
      exitListeners.clear()
      editor.dispose()
    },
  }
}
