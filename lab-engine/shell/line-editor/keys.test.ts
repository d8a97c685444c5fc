// Key decoder tests: a table of byte chunks -> keys, including sequences split across chunks.
import { describe, expect, it } from 'vitest'
import { KeyDecoder, MAX_PASTE_CHARS, type Key } from './keys'

const k = (name: string): Key => ({ type: 'key', name } as Key)
const t = (text: string): Key => ({ type: 'text', text })

const CASES: [name: string, chunks: string[], keys: Key[]][] = [
  ['plain text is one run', ['ls -l'], [t('ls -l')]],
  ['enter as \\r and \\r\\n', ['a\r', 'b\r\n'], [t('a'), k('enter'), t('b'), k('enter')]],
  ['arrows CSI and SS3', ['\x1b[A\x1b[B\x1b[C\x1b[D\x1bOA'], [k('up'), k('down'), k('right'), k('left'), k('up')]],
  ['home/end both forms', ['\x1b[H\x1b[F\x1b[1~\x1b[4~\x1bOH\x1bOF'], [k('home'), k('end'), k('home'), k('end'), k('home'), k('end')]],
  ['delete', ['\x1b[3~'], [k('delete')]],
  ['backspace both bytes', ['\x7f\b'], [k('backspace'), k('backspace')]],
  ['control keys', ['\x01\x05\x0b\x15\x17\x0c\x03\x04\x12\x07'], ['ctrl-a', 'ctrl-e', 'ctrl-k', 'ctrl-u', 'ctrl-w', 'ctrl-l', 'ctrl-c', 'ctrl-d', 'ctrl-r', 'ctrl-g'].map(k)],
  ['tab', ['\t'], [k('tab')]],
  ['ctrl-left/right and alt-b/f', ['\x1b[1;5D\x1b[1;5C\x1bb\x1bf'], [k('word-left'), k('word-right'), k('word-left'), k('word-right')]],
  ['split after ESC', ['a\x1b', '[D'], [t('a'), k('left')]],
  ['split after ESC [', ['\x1b[', 'A'], [k('up')]],
  ['split inside params', ['\x1b[3', '~x'], [k('delete'), t('x')]],
  ['split byte by byte', ['\x1b', '[', '1', ';', '5', 'C'], [k('word-right')]],
  ['unknown CSI ignored', ['\x1b[15~a'], [t('a')]],
  ['focus and mouse-ish CSI ignored', ['\x1b[I\x1b[O'], []],
  ['unbound control bytes ignored', ['\x00\x1ca'], [t('a')]],
  ['unicode text', ['héllo ☸'], [t('héllo ☸')]],
  ['bracketed paste', ['\x1b[200~a\nb\x1b[201~'], [{ type: 'paste', text: 'a\nb', oversized: false }]],
  ['paste split everywhere', ['\x1b[20', '0~a\r', '\nb\x1b[2', '01', '~c'], [{ type: 'paste', text: 'a\r\nb', oversized: false }, t('c')]],
  ['paste keeps ESC bytes literally', ['\x1b[200~\x1b[A\x1b[201~'], [{ type: 'paste', text: '\x1b[A', oversized: false }]],
]

describe('KeyDecoder', () => {
  it.each(CASES)('%s', (_name, chunks, keys) => {
    const d = new KeyDecoder()
    expect(chunks.flatMap((c) => d.feed(c))).toEqual(keys)
  })

  it('refuses an oversized paste without keeping it', () => {
    const d = new KeyDecoder()
    const big = 'x'.repeat(MAX_PASTE_CHARS)
    const keys = [...d.feed('\x1b[200~' + big), ...d.feed(big), ...d.feed('\x1b[201~ok')]
    expect(keys).toEqual([{ type: 'paste', text: '', oversized: true }, t('ok')])
  })
})
