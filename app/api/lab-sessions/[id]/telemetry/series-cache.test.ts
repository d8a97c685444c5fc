// The per-driver memo: shared answers per key, separate drivers, failures forgotten, bounded.
import { describe, expect, it } from 'vitest'
import { cachedPerDriver, MAX_ENTRIES_PER_DRIVER } from './series-cache'

describe('cachedPerDriver', () => {
  it('computes once per driver and key, and again for another driver or key', async () => {
    const a = {}
    const b = {}
    let calls = 0
    const compute = async () => ++calls
    expect(await cachedPerDriver(a, 'k', compute)).toBe(1)
    expect(await cachedPerDriver(a, 'k', compute)).toBe(1)
    expect(await cachedPerDriver(b, 'k', compute)).toBe(2)
    expect(await cachedPerDriver(a, 'other', compute)).toBe(3)
  })

  it('forgets a failure so the next poll tries again', async () => {
    const d = {}
    await expect(cachedPerDriver(d, 'k', async () => { throw new Error('boom') })).rejects.toThrow('boom')
    await Promise.resolve()
    expect(await cachedPerDriver(d, 'k', async () => 'ok')).toBe('ok')
  })

  it('keeps at most MAX_ENTRIES_PER_DRIVER, dropping the least recently used', async () => {
    const d = {}
    for (let i = 0; i <= MAX_ENTRIES_PER_DRIVER; i++) await cachedPerDriver(d, `k${i}`, async () => i)
    expect(await cachedPerDriver(d, 'k0', async () => 'recomputed')).toBe('recomputed')
    expect(await cachedPerDriver(d, `k${MAX_ENTRIES_PER_DRIVER}`, async () => 'recomputed')).toBe(MAX_ENTRIES_PER_DRIVER)
  })
})
