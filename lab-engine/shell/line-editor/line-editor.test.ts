// LineEditor tests: editing keys, history, continuation, Ctrl-C, paste, completion and repaint bytes.
import { describe, expect, it } from 'vitest'
import { MAX_PASTE_CHARS } from './keys'
import { BRACKETED_PASTE_ON, LineEditor } from './line-editor'
import { harness, plain, settle } from './test-harness'

const PROMPT = 'learner@mesh-dojo:~$ '

describe('LineEditor: editing', () => {
  const CASES: [name: string, keys: string, text: string, cursor: number][] = [
    ['typing', 'echo hi', 'echo hi', 7],
    ['left twice then insert', 'abc\x1b[D\x1b[DX', 'aXbc', 2],
    ['right after left', 'abc\x1b[D\x1b[C', 'abc', 3],
    ['ctrl-a inserts at start', 'abc\x01X', 'Xabc', 1],
    ['home \\x1b[H then delete', 'abc\x1b[H\x1b[3~', 'bc', 0],
    ['home \\x1b[1~ and end \\x1b[4~', 'abc\x1b[1~\x1b[4~!', 'abc!', 4],
    ['end \\x1b[F and ctrl-e', 'abc\x01\x1b[F!\x01\x05?', 'abc!?', 5],
    ['backspace both bytes', 'abcd\x7f\b', 'ab', 2],
    ['ctrl-k', 'kubectl get\x01\x1b[C\x1b[C\x0b', 'ku', 2],
    ['ctrl-u', 'kubectl get\x1b[D\x1b[D\x1b[D\x15', 'get', 0],
    ['ctrl-w', 'kubectl get pods\x17', 'kubectl get ', 12],
    ['ctrl-d deletes under the cursor', 'abc\x01\x04', 'bc', 0],
    ['split escape sequence', 'ab\x1b', 'ab', 2],
  ]
  it.each(CASES)('%s', async (_name, keys, text, cursor) => {
    const h = harness()
    await h.type(keys)
    expect({ text: h.editor.state.text, cursor: h.editor.state.cursor }).toEqual({ text, cursor })
  })

  it('shows the prompt, echoes typing, runs the line with \\r\\n output', async () => {
    const h = harness()
    expect(h.take()).toBe(BRACKETED_PASTE_ON + PROMPT)
    await h.type('echo hi')
    expect(h.take()).toBe('echo hi')
    await h.type('\r')
    expect(h.take()).toBe('\r\nhi\r\n' + PROMPT)
  })

  it('the prompt follows cd with ~', async () => {
    const h = harness()
    await h.type('mkdir -p d/e && cd d/e\rcd /tmp\r')
    expect(h.output()).toContain('learner@mesh-dojo:~/d/e$ ')
    expect(h.output().endsWith('learner@mesh-dojo:/tmp$ ')).toBe(true)
  })

  it('a chunk split inside an escape sequence still moves the cursor', async () => {
    const h = harness()
    await h.type('ab\x1b')
    await h.type('[D')
    await h.type('X')
    expect(h.editor.state.text).toBe('aXb')
  })

  it('Ctrl-L clears the screen and redraws the line', async () => {
    const h = harness()
    await h.type('echo x')
    h.take()
    await h.type('\x0c')
    expect(h.take()).toBe('\x1b[H\x1b[2J' + PROMPT + 'echo x')
  })

  it('Ctrl-D on an empty line prints exit like bash and emits exit; on a line it deletes', async () => {
    const h = harness()
    const exits: number[] = []
    h.editor.on('exit', () => { exits.push(1) })
    h.take()
    await h.type('\x04')
    expect(h.take()).toBe('exit\r\n')
    expect(exits).toEqual([1])
  })

  it('the exit builtin ends the session with its code, prints exit and stops reading', async () => {
    const h = harness()
    const exits: number[] = []
    h.editor.on('exit', (code) => { exits.push(code) })
    h.take()
    await h.type('echo bye; exit 3; echo never\r')
    expect(plain(h.take())).toBe('echo bye; exit 3; echo never\r\nbye\r\nexit\r\n')
    expect(exits).toEqual([3])
    await h.type('echo more\r')
    expect(h.take()).toBe('')
    expect(h.editor.state.running).toBe(false)
  })

  it('exit inside a subshell does not end the session', async () => {
    const h = harness()
    const exits: number[] = []
    h.editor.on('exit', (code) => { exits.push(code) })
    await h.type('(exit 4); echo $?\r')
    expect(plain(h.output())).toContain('4\r\n' + PROMPT)
    expect(exits).toEqual([])
  })

  it('Ctrl-D passes the last status to exit listeners', async () => {
    const h = harness()
    const exits: number[] = []
    h.editor.on('exit', (code) => { exits.push(code) })
    await h.type('false\r\x04')
    expect(exits).toEqual([1])
  })

  it('Ctrl-D on an empty line emits exit; on a line it deletes', async () => {
    const h = harness()
    let exits = 0
    h.editor.on('exit', () => { exits++ })
    await h.type('a\x04')
    expect(exits).toBe(0)
    await h.type('\x7f\x04')
    expect(exits).toBe(1)
  })

  it('Ctrl-C while editing prints ^C and a new prompt', async () => {
    const h = harness()
    await h.type('echo half')
    h.take()
    await h.type('\x03')
    expect(plain(h.take())).toContain('^C\r\n' + PROMPT)
    expect(h.editor.state.text).toBe('')
  })

  it('redraw() repaints prompt and line; resize() repaints wrapped lines from their first row', async () => {
    const h = harness({ cols: 30 })
    await h.type('echo ' + 'a'.repeat(20))
    h.take()
    h.editor.redraw()
    expect(h.take()).toBe(BRACKETED_PASTE_ON + '\r\x1b[J' + PROMPT + 'echo ' + 'a'.repeat(20))
    await h.type('\x01')
    expect(h.take()).toBe('\x1b[1A\r\x1b[J' + PROMPT + 'echo ' + 'a'.repeat(20) + '\x1b[1A\r\x1b[21C')
    h.editor.resize(80, 24)
    expect(h.take()).toBe('\r\x1b[J' + PROMPT + 'echo ' + 'a'.repeat(20) + '\r\x1b[21C')
  })
})

describe('LineEditor: history', () => {
  it('Up/Down browse and restore the draft', async () => {
    const h = harness()
    await h.type('echo 1\recho 2\rdra')
    await h.type('\x1b[A')
    expect(h.editor.state.text).toBe('echo 2')
    await h.type('\x1b[A\x1b[A')
    expect(h.editor.state.text).toBe('echo 1')
    await h.type('\x1b[B\x1b[B')
    expect(h.editor.state.text).toBe('dra')
  })

  it('Ctrl-R searches back and Enter runs the match', async () => {
    const h = harness()
    await h.type('echo one\recho two\r')
    h.take()
    await h.type('\x12on')
    expect(plain(h.take())).toContain("(reverse-i-search)`on': echo one")
    await h.type('\r')
    expect(h.take()).toContain('\r\none\r\n' + PROMPT)
  })

  it('Ctrl-G leaves the search with the original line', async () => {
    const h = harness()
    await h.type('echo one\rdraft\x12one\x07')
    expect(h.editor.state.text).toBe('draft')
  })

  it('another key accepts the match for editing', async () => {
    const h = harness()
    await h.type('echo one\r\x12one\x05!')
    expect(h.editor.state.text).toBe('echo one!')
  })
})

describe('LineEditor: continuation', () => {
  it('an open quote asks for more with > ', async () => {
    const h = harness()
    await h.type('echo "a\r')
    expect(h.editor.state.continuation).toBe(true)
    expect(h.output().endsWith('\r\n> ')).toBe(true)
    await h.type('b"\r')
    expect(h.output()).toContain('\r\na\r\nb\r\n' + PROMPT)
    expect(h.editor.history.list()).toEqual(['echo "a\nb"'])
  })

  it('a heredoc collects lines (an empty one too) until its delimiter', async () => {
    const h = harness()
    await h.type('cat <<EOF > m.yaml\rkind: Pod\r\rmetadata: {}\rEOF\r')
    expect(h.editor.state.continuation).toBe(false)
    expect(h.shell.vfs.readFile('/home/learner/m.yaml')).toBe('kind: Pod\n\nmetadata: {}\n')
  })

  it('a trailing | continues the pipeline', async () => {
    const h = harness()
    await h.type('echo hi |\rtr a-z A-Z\r')
    expect(h.output()).toContain('HI\r\n')
  })

  it('Ctrl-C drops the open command; Ctrl-D on an empty continuation line ends it like EOF', async () => {
    const h = harness()
    await h.type('echo "a\r\x03')
    expect(h.editor.state.continuation).toBe(false)
    await h.type('echo "b\r\x04')
    expect(h.output()).toContain('bash: syntax error: unexpected end of file\r\n' + PROMPT)
  })
})

describe('LineEditor: running commands', () => {
  it('Ctrl-C during sleep 100 aborts it with 130 and shows a new prompt', async () => {
    const h = harness({ clock: 'blocking' })
    const finished: number[] = []
    h.editor.on('commandFinished', (_c, code) => { finished.push(code) })
    await h.type('sleep 100\r')
    expect(h.editor.state.running).toBe(true)
    h.take()
    await h.type('\x03')
    expect(finished).toEqual([130])
    expect(h.take()).toBe('^C\r\n' + PROMPT)
    await h.type('echo $?\r')
    expect(h.output()).toContain('\r\n130\r\n')
  })

  it('keys typed while a command runs are replayed after it ends', async () => {
    const h = harness({ clock: 'blocking' })
    const started: string[] = []
    h.editor.on('commandStarted', (c) => { started.push(c) })
    await h.type('sleep 5\r')
    await h.type('echo af')
    await h.type('ter\r')
    expect(started).toEqual(['sleep 5'])
    h.clock.advance(5000)
    await settle()
    expect(started).toEqual(['sleep 5', 'echo after'])
    expect(h.output()).toContain('\r\nafter\r\n' + PROMPT)
  })

  it('Ctrl-C drops the keys typed ahead, as a tty flushes its input on SIGINT', async () => {
    const h = harness({ clock: 'blocking' })
    await h.type('sleep 5\rtyped ahead\x03')
    expect(h.editor.state).toMatchObject({ running: false, text: '' })
  })

  it('dispose() aborts the running command and stops writing', async () => {
    const h = harness({ clock: 'blocking' })
    await h.type('sleep 5\r')
    h.take()
    h.editor.dispose()
    await settle()
    await h.type('echo x\r')
    expect(h.take()).toBe('')
  })
})

describe('LineEditor: bracketed paste', () => {
  it('runs pasted lines one by one and keeps the last unterminated line for editing', async () => {
    const h = harness()
    const started: string[] = []
    h.editor.on('commandStarted', (c) => { started.push(c) })
    await h.type('\x1b[200~echo one\necho two\necho thr\x1b[201~')
    expect(started).toEqual(['echo one', 'echo two'])
    expect(h.editor.state.text).toBe('echo thr')
    expect(h.output()).toContain('\r\none\r\n' + PROMPT + 'echo two\r\ntwo\r\n')
  })

  it('a pasted heredoc goes through continuation', async () => {
    const h = harness()
    await h.type('\x1b[200~cat <<EOF\r\nline\r\nEOF\r\n\x1b[201~')
    expect(h.output()).toContain('\r\nline\r\n' + PROMPT)
  })

  it('refuses a paste over the limit with one line and keeps the current line', async () => {
    const h = harness()
    await h.type('echo ')
    await h.type('\x1b[200~' + 'x'.repeat(MAX_PASTE_CHARS + 1) + '\x1b[201~')
    expect(h.output()).toContain(`\r\nmesh-dojo: paste refused: larger than ${MAX_PASTE_CHARS} characters\r\n${PROMPT}echo `)
    expect(h.editor.state.text).toBe('echo ')
  })
})

describe('LineEditor: tab completion', () => {
  it('a single command candidate completes with a space', async () => {
    const h = harness()
    await h.type('ech\t')
    expect(h.editor.state.text).toBe('echo ')
  })

  it('several candidates complete to their common prefix, a second Tab lists them', async () => {
    const h = harness()
    h.shell.vfs.mkdir('/home/learner/samples/bookinfo/networking', { parents: true })
    h.shell.vfs.mkdir('/home/learner/samples/httpbin', { parents: true })
    h.shell.vfs.writeFile('/home/learner/samples/bookinfo/networking/virtual-service-all-v1.yaml', '')
    h.shell.vfs.writeFile('/home/learner/samples/bookinfo/networking/virtual-service-reviews-v3.yaml', '')
    await h.type('cat sa\t')
    expect(h.editor.state.text).toBe('cat samples/')
    await h.type('b\tn\tv\t')
    expect(h.editor.state.text).toBe('cat samples/bookinfo/networking/virtual-service-')
    h.take()
    await h.type('\t')
    expect(h.take()).toBe('\r\nvirtual-service-all-v1.yaml      virtual-service-reviews-v3.yaml\r\n' +
      PROMPT + 'cat samples/bookinfo/networking/virtual-service-')
  })

  it('no candidate rings the bell', async () => {
    const h = harness()
    h.take()
    await h.type('zz\t')
    expect(h.take()).toBe('zz\x07')
  })

  it('an injected completer is used', async () => {
    const h = harness()
    let out = ''
    const editor = new LineEditor({
      shell: h.shell, write: (s) => { out += s }, prompt: () => '$ ',
      completer: (line, cursor) => ({ candidates: ['pods', 'poddisruptionbudgets'].filter((c) => c.startsWith(line.slice(8, cursor))), replaceFrom: 8 }),
    })
    editor.input('kubectl po\t')
    expect(editor.state.text).toBe('kubectl pod')
    editor.input('s\t')
    expect(editor.state.text).toBe('kubectl pods ')
    expect(out.startsWith(BRACKETED_PASTE_ON + '$ ')).toBe(true)
  })
})
