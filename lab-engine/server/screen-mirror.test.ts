// Tests for the screen mirror: what serialize() gives back redraws the same screen on a fresh terminal.
import headless from '@xterm/headless'
import { describe, expect, it } from 'vitest'
import { CLEAR_SCREEN, ScreenMirror } from './screen-mirror'

const { Terminal } = headless

/** Renders bytes on a fresh headless terminal (a browser's xterm.js) and returns its visible rows. */
async function render(bytes: string, cols: number, rows: number, before = ''): Promise<string[]> {
  const term = new Terminal({ cols, rows, scrollback: 100, allowProposedApi: true })
  await new Promise<void>((resolve) => term.write(before + bytes, resolve))
  const buf = term.buffer.active
  const lines = Array.from({ length: rows }, (_, y) => buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '')
  const cursor = { x: buf.cursorX, y: buf.cursorY }
  term.dispose()
  return [...lines, `cursor ${cursor.x},${cursor.y}`]
}

const barrier = (m: ScreenMirror) => new Promise<string>((resolve) => m.barrier(() => resolve(m.serialize())))

describe('ScreenMirror', () => {
  it('serializes a screen that renders identically elsewhere, colours and cursor included', async () => {
    const mirror = new ScreenMirror({ cols: 40, rows: 6 })
    const output = 'learner@mesh-dojo:~$ kubectl get pods\r\nNAME  READY\r\n\x1b[32mproductpage\x1b[0m  1/1\r\nlearner@mesh-dojo:~$ kub'
    mirror.write(output)
    const screen = await barrier(mirror)
    expect(screen).toContain('\x1b[32m')
    // Drawn over garbage after CLEAR_SCREEN, as a reconnecting browser's terminal would be.
    expect(await render(CLEAR_SCREEN + screen, 40, 6, 'old junk\r\nmore junk')).toEqual(await render(output, 40, 6))
    expect(mirror.visibleLines()[3]).toBe('learner@mesh-dojo:~$ kub')
    mirror.dispose()
  })

  it('barrier sees exactly what was written before it, not what came after', async () => {
    const mirror = new ScreenMirror({ cols: 20, rows: 4 })
    mirror.write('first\r\n')
    const seen = new Promise<string[]>((resolve) => mirror.barrier(() => resolve(mirror.visibleLines())))
    mirror.write('second\r\n')
    expect((await seen).filter(Boolean)).toEqual(['first'])
    await barrier(mirror)
    expect(mirror.visibleLines().filter(Boolean)).toEqual(['first', 'second'])
    mirror.dispose()
  })

  it('keeps at most its scrollback above the screen', async () => {
    const mirror = new ScreenMirror({ cols: 20, rows: 5, scrollback: 10 })
    for (let i = 0; i < 100; i++) mirror.write(`row ${i}\r\n`)
    const screen = await barrier(mirror)
    const restored = await render(screen, 20, 5)
    expect(restored.slice(0, 4)).toEqual(['row 96', 'row 97', 'row 98', 'row 99'])
    // 100 rows and the cursor's empty row: 5 on screen (96..99 and the cursor's), 10 above (86..95).
    expect(screen).not.toContain('row 85')
    expect(screen).toContain('row 86')
    mirror.dispose()
  })

  it('follows a resize: a wrapped row reflows (the cursor row is the shell\'s to repaint)', async () => {
    const mirror = new ScreenMirror({ cols: 10, rows: 3 })
    mirror.write('abcdefghijkl\r\n')
    mirror.resize(30, 3)
    await barrier(mirror)
    expect(mirror.cols).toBe(30)
    expect(mirror.visibleLines()[0]).toBe('abcdefghijkl')
    mirror.dispose()
  })

  it('skips output past its pending limit and writes the skipped tail once the parser catches up', async () => {
    const mirror = new ScreenMirror({ cols: 40, rows: 5, maxPendingBytes: 1000 })
    mirror.write('x'.repeat(1500))
    for (let i = 0; i < 50; i++) mirror.write(`skipped-${i}\r\n`)
    mirror.write('the-end')
    expect(mirror.skippedChars).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 50))
    await barrier(mirror)
    const lines = mirror.visibleLines()
    expect(lines.at(-1)).toBe('the-end')
    expect(lines.join('\n')).toContain('skipped-49')
    mirror.dispose()
  })
})
