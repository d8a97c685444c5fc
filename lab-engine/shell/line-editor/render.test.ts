// Render tests: repaint bytes for wrapped lines, the exact-width case and ANSI-coloured prompts.
import { describe, expect, it } from 'vitest'
import { Screen, visibleWidth } from './render'

describe('Screen', () => {
  it('ignores colour codes when measuring the prompt', () => {
    expect(visibleWidth('\x1b[32mme\x1b[0m$ ')).toBe(4)
  })

  it('moves to the next row itself when the line ends exactly at the width', () => {
    const s = new Screen(10)
    expect(s.draw({ prompt: '$ ', text: '12345678', cursor: 8 })).toBe('$ 12345678\r\n')
  })

  it('puts the cursor back on an earlier row', () => {
    const s = new Screen(10)
    expect(s.draw({ prompt: '$ ', text: '1234567890ab', cursor: 1 })).toBe('$ 1234567890ab\x1b[1A\r\x1b[3C')
    expect(s.paint({ prompt: '$ ', text: '1234567890ab', cursor: 12 })).toBe('\r\x1b[J$ 1234567890ab')
    expect(s.paint({ prompt: '$ ', text: 'x', cursor: 1 })).toBe('\x1b[1A\r\x1b[J$ x')
  })

  it('ends the line below its last row', () => {
    const s = new Screen(10)
    const frame = { prompt: '$ ', text: '1234567890ab', cursor: 0 }
    s.draw(frame)
    expect(s.endLine(frame)).toBe('\x1b[1B\r\n')
  })

  it('after a resize, repaints from the reflowed first row', () => {
    const s = new Screen(80)
    const frame = { prompt: '$ ', text: 'a'.repeat(30), cursor: 30 }
    s.draw(frame)
    s.resize(10, frame)
    expect(s.paint(frame).startsWith('\x1b[3A\r\x1b[J')).toBe(true)
  })
})
