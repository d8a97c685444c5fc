// Tests for the resize throttle and the control-frame parser.
import { describe, expect, it } from 'vitest'
import { clampSize, parseClientControl } from './control-message'
import { ManualScheduler } from './hub-scheduler'
import { ResizeThrottle, type Size } from './resize-throttle'

describe('ResizeThrottle', () => {
  it('applies the first at once, then the last of each interval', () => {
    const scheduler = new ManualScheduler()
    const applied: Size[] = []
    const throttle = new ResizeThrottle(scheduler, 50, (s) => applied.push(s))
    for (let i = 1; i <= 1000; i++) throttle.request({ cols: i, rows: 1 })
    expect(applied).toEqual([{ cols: 1, rows: 1 }])
    scheduler.advance(49)
    expect(applied).toHaveLength(1)
    scheduler.advance(1)
    expect(applied).toEqual([{ cols: 1, rows: 1 }, { cols: 1000, rows: 1 }])
    scheduler.advance(500)
    expect(applied).toHaveLength(2)
    throttle.request({ cols: 7, rows: 7 })
    expect(applied.at(-1)).toEqual({ cols: 7, rows: 7 })
  })

  it('a flood spread over time applies about once per interval', () => {
    const scheduler = new ManualScheduler()
    let count = 0
    const throttle = new ResizeThrottle(scheduler, 50, () => count++)
    for (let ms = 0; ms < 1000; ms++) {
      throttle.request({ cols: 80 + (ms % 2), rows: 24 })
      scheduler.advance(1)
    }
    expect(count).toBeGreaterThanOrEqual(19)
    expect(count).toBeLessThanOrEqual(21)
  })

  it('applies nothing after dispose', () => {
    const scheduler = new ManualScheduler()
    const applied: Size[] = []
    const throttle = new ResizeThrottle(scheduler, 50, (s) => applied.push(s))
    throttle.request({ cols: 1, rows: 1 })
    throttle.request({ cols: 2, rows: 2 })
    throttle.dispose()
    scheduler.advance(100)
    expect(applied).toEqual([{ cols: 1, rows: 1 }])
  })
})

describe('control frames', () => {
  it.each([
    ['{"type":"resize","cols":120,"rows":40}', { type: 'resize', cols: 120, rows: 40 }],
    ['{"type":"ping","t":123.5}', { type: 'ping', t: 123.5 }],
    ['{"type":"restart"}', { type: 'restart' }],
    ['{"type":"resize","cols":80,"rows":24,"extra":true}', { type: 'resize', cols: 80, rows: 24 }],
  ])('reads %s', (text, msg) => {
    expect(parseClientControl(text)).toEqual(msg)
  })

  it.each(['', 'nope', '{', '42', 'null', '[]', '{"type":"resize","cols":"80","rows":24}', '{"type":"resize","cols":80}',
    '{"type":"resize","cols":null,"rows":2}', '{"type":"ping"}', '{"type":"exit","code":0}', '{"cols":80,"rows":24}'])('ignores %j', (text) => {
    expect(parseClientControl(text)).toBeNull()
  })

  it('clamps sizes to 2..500 x 1..200, in whole cells', () => {
    expect(clampSize(0, 0)).toEqual({ cols: 2, rows: 1 })
    expect(clampSize(-5, 1e9)).toEqual({ cols: 2, rows: 200 })
    expect(clampSize(10_000, 50)).toEqual({ cols: 500, rows: 50 })
    expect(clampSize(80.6, 23.4)).toEqual({ cols: 81, rows: 23 })
  })
})
