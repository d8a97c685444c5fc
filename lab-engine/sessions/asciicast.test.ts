// Tests for the asciicast v2 recorder and parser.
import { describe, expect, it } from 'vitest'
import { AsciicastError, AsciicastRecorder, parseAsciicast } from './asciicast'

const START = Date.UTC(2026, 10, 24, 23, 0, 0, 500)

function recorder(maxBytes?: number) {
  let t = START
  const rec = new AsciicastRecorder({ width: 80, height: 24, startedAtMs: START, now: () => t, maxBytes, title: 'lab', env: { TERM: 'xterm-256color' } })
  return { rec, at: (ms: number) => void (t = START + ms) }
}

describe('AsciicastRecorder', () => {
  it('writes a v2 header and o/i/r events with seconds since the start', () => {
    const { rec, at } = recorder()
    expect(JSON.parse(rec.header())).toEqual({ version: 2, width: 80, height: 24, timestamp: Math.floor(START / 1000), title: 'lab', env: { TERM: 'xterm-256color' } })
    at(0)
    rec.output('$ ')
    at(1250.5)
    rec.input('ls\r')
    at(2000)
    rec.resize(120, 40)
    rec.output('a "quoted" \x1b[31mred\x1b[0m ☃\r\n')
    const chunk = rec.takeChunk()!
    expect(chunk.split('\n')[1]).toBe('[1.2505, "i", "ls\\r"]')
    const { header, events } = parseAsciicast(`${rec.header()}\n${chunk}`)
    expect(header.width).toBe(80)
    expect(events).toEqual([
      { time: 0, code: 'o', data: '$ ' },
      { time: 1.2505, code: 'i', data: 'ls\r' },
      { time: 2, code: 'r', data: '120x40' },
      { time: 2, code: 'o', data: 'a "quoted" \x1b[31mred\x1b[0m ☃\r\n' },
    ])
    expect(rec.durationMs).toBe(2000)
  })

  it('records a resize only when the size changes', () => {
    const { rec } = recorder()
    rec.resize(80, 24)
    rec.resize(100, 30)
    rec.resize(100, 30)
    rec.resize(80, 24)
    expect(parseAsciicast(`${rec.header()}\n${rec.takeChunk()}`).events.map((e) => e.data)).toEqual(['100x30', '80x24'])
  })

  it('hands out each event once, in chunks, and counts the whole size', () => {
    const { rec, at } = recorder()
    expect(rec.takeChunk()).toBeNull()
    rec.output('one')
    const first = rec.takeChunk()!
    at(10)
    rec.output('two')
    const second = rec.takeChunk()!
    expect(rec.takeChunk()).toBeNull()
    expect(parseAsciicast(`${rec.header()}\n${first}${second}`).events.map((e) => e.data)).toEqual(['one', 'two'])
    expect(rec.sizeBytes).toBe(Buffer.byteLength(`${rec.header()}\n${first}${second}`))
  })

  it('never goes back in time when the wall clock does', () => {
    const { rec, at } = recorder()
    at(500)
    rec.output('a')
    at(100)
    rec.output('b')
    const { events } = parseAsciicast(`${rec.header()}\n${rec.takeChunk()}`)
    expect(events.map((e) => e.time)).toEqual([0.5, 0.5])
  })

  it('stops at the size cap with one final marker and sets truncated', () => {
    const { rec } = recorder(1024)
    for (let i = 0; i < 100; i++) rec.output(`line ${i} ${'x'.repeat(20)}\r\n`)
    expect(rec.truncated).toBe(true)
    expect(rec.sizeBytes).toBeLessThanOrEqual(1024)
    rec.input('more')
    const text = `${rec.header()}\n${rec.takeChunk()}`
    expect(Buffer.byteLength(text)).toBe(rec.sizeBytes)
    const { events } = parseAsciicast(text)
    expect(events.at(-1)).toMatchObject({ code: 'm', data: 'recording truncated at 1024 bytes' })
    expect(events.filter((e) => e.code === 'm')).toHaveLength(1)
    expect(events.length).toBeGreaterThan(10)
  })

  it('records nothing after close, but what was recorded can still be taken', () => {
    const { rec } = recorder()
    rec.output('kept')
    rec.close()
    rec.output('lost')
    expect(parseAsciicast(`${rec.header()}\n${rec.takeChunk()}`).events.map((e) => e.data)).toEqual(['kept'])
  })
})

describe('parseAsciicast', () => {
  const header = '{"version": 2, "width": 80, "height": 24, "timestamp": 1764000000}'

  it('reads asciinema\'s own spacing and an optional trailing newline', () => {
    const { events } = parseAsciicast(`${header}\n[0.248848, "o", "hi"]\n[1.001376, "i", "x"]\n`)
    expect(events).toEqual([{ time: 0.248848, code: 'o', data: 'hi' }, { time: 1.001376, code: 'i', data: 'x' }])
  })

  it.each([
    ['', /no header/],
    ['{"version": 1, "width": 80, "height": 24}', /line 1/],
    ['{"version": 2, "width": 0, "height": 24}', /line 1/],
    [`${header}\nnot json`, /line 2: not JSON/],
    [`${header}\n[0.1, "x", "data"]`, /line 2/],
    [`${header}\n[0.1, "o"]`, /line 2/],
    [`${header}\n[-1, "o", "a"]`, /line 2/],
    [`${header}\n[0.1, "r", "wide"]`, /COLSxROWS/],
    [`${header}\n[2, "o", "a"]\n[1, "o", "b"]`, /line 3: time 1 goes back/],
  ])('refuses %j', (text, message) => {
    expect(() => parseAsciicast(text)).toThrow(AsciicastError)
    expect(() => parseAsciicast(text)).toThrow(message)
  })
})
