// Property (fast-check): random bytes, in random chunks, never throw and leave the editor usable.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { harness } from './test-harness'

/** Bytes a terminal sends, weighted toward control bytes and escape-sequence pieces. */
const PIECE = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('\r', '\n', '\t', '\t\t', '\x7f', '\b', '\x03', '\x04', '\x0c', '\x12', '\x07', '\x17', '\x15', '\x0b', '\x01', '\x05',
    '\x1b', '\x1b[', '\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[3~', '\x1b[1;5C', '\x1bO', '"', "'", '<<EOF', 'EOF', '|', '&&',
    'echo ', 'cd ', 'ls ', '\x1b[200~a\nb\x1b[201~', '\x1b[201~', '\\'),
)
/** An unterminated paste start is left out: xterm.js always sends both markers. */
const BYTES = fc.array(PIECE, { maxLength: 30 }).map((p) => p.join('')).filter((s) => !/\x1b\[200~(?![\s\S]*\x1b\[201~)/.test(s))

describe('property: LineEditor on random input', () => {
  it('never throws, and after Ctrl-C `echo ok` prints ok (or, once the session exited, nothing)', async () => {
    await fc.assert(fc.asyncProperty(BYTES, fc.integer({ min: 1, max: 7 }), async (bytes, chunk) => {
      const h = harness({ cols: 40 })
      let exited = false
      h.editor.on('exit', () => { exited = true })
      for (let i = 0; i < bytes.length; i += chunk) await h.type(bytes.slice(i, i + chunk))
      h.take()
      await h.type('\x03echo ok\r')
      // Ctrl-D on an empty line ends the session; a closed terminal reads nothing more.
      if (exited) {
        expect(h.take()).toBe('')
        return
      }
      expect(h.take()).toMatch(/\r\nok\r\n[^\r\n]*\$ $/)
      expect(h.editor.state).toMatchObject({ running: false, continuation: false, text: '' })
    }), { numRuns: 300 })
  })
})
