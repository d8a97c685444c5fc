// The command timeline replays typed keys into lines: Enter ends one, Backspace and Ctrl-U edit, escapes are ignored.
import { describe, expect, it } from 'vitest'
import type { AsciicastEvent } from '@/lab-engine/sessions/asciicast'
import { commandTimeline, MAX_COMMAND_CHARS } from './command-timeline'

const i = (time: number, data: string): AsciicastEvent => ({ time, code: 'i', data })
const o = (time: number, data: string): AsciicastEvent => ({ time, code: 'o', data })

describe('commandTimeline', () => {
  it('gives each typed line with the time of its first key and of Enter', () => {
    const events = [i(1, 'k'), o(1, 'k'), i(1.5, 'ubectl get pods'), i(2, '\r'), o(2.1, 'NAME READY'), i(4, 'ls\r')]
    expect(commandTimeline(events)).toEqual([
      { time: 1, enteredAt: 2, command: 'kubectl get pods' },
      { time: 4, enteredAt: 4, command: 'ls' },
    ])
  })

  it.each([
    ['backspace', ['lss\x7f\r'], 'ls'],
    ['ctrl-h', ['lss\b\r'], 'ls'],
    ['ctrl-u', ['rm -rf /\x15ls\r'], 'ls'],
    ['an arrow key', ['l\x1b[Ds\r'], 'ls'],
    ['bracketed paste', ['\x1b[200~kubectl get ns\x1b[201~\r'], 'kubectl get ns'],
    ['crlf as one enter', ['ls\r\n'], 'ls'],
    ['a tab', ['kubectl\tget\r'], 'kubectl get'],
  ])('handles %s', (_name, inputs, expected) => {
    expect(commandTimeline(inputs.map((d, n) => i(n, d))).map((c) => c.command)).toEqual([expected])
  })

  it('drops lines cancelled with Ctrl-C and empty lines', () => {
    expect(commandTimeline([i(0, 'oops\x03'), i(1, '\r'), i(2, '   \r'), i(3, 'pwd\r')]).map((c) => c.command)).toEqual(['pwd'])
  })

  it('splits a pasted block on each Enter', () => {
    expect(commandTimeline([i(5, 'a\rb\nc\r')])).toEqual([
      { time: 5, enteredAt: 5, command: 'a' },
      { time: 5, enteredAt: 5, command: 'b' },
      { time: 5, enteredAt: 5, command: 'c' },
    ])
  })

  it('cuts very long lines', () => {
    const [cmd] = commandTimeline([i(0, `${'x'.repeat(MAX_COMMAND_CHARS + 50)}\r`)])
    expect(cmd!.command).toHaveLength(MAX_COMMAND_CHARS)
    expect(cmd!.command.endsWith('…')).toBe(true)
  })
})
