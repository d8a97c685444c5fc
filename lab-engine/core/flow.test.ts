import { describe, expect, it } from 'vitest'
import { flowToPromise, isFlow, runFlow, wait, type Flow } from './flow'

function* double(x: number): Flow<number> {
  return x * 2
}

function* sumOfDoubles(xs: number[]): Flow<number> {
  let sum = 0
  for (const x of xs) sum += yield* double(x)
  return sum
}

function* afterWaiting(p: Promise<number>): Flow<number> {
  const v = yield* wait(p)
  return (yield* double(v)) + 1
}

describe('runFlow', () => {
  it('returns the value itself when nothing waited', () => {
    expect(runFlow(sumOfDoubles([1, 2, 3]))).toBe(12)
  })

  it('returns a promise once the flow waited, and resumes it with the awaited value', async () => {
    const r = runFlow(afterWaiting(Promise.resolve(20)))
    expect(r).toBeInstanceOf(Promise)
    await expect(r).resolves.toBe(41)
  })

  it('throws a rejected wait into the flow, where it can be caught', async () => {
    function* recovering(): Flow<string> {
      try {
        yield* wait(Promise.reject(new Error('refused')))
        return 'not reached'
      } catch (err) {
        return `caught ${(err as Error).message}`
      }
    }
    await expect(runFlow(recovering())).resolves.toBe('caught refused')
  })

  it('rejects with an error the flow throws after a wait, and throws one thrown before', async () => {
    function* failsLater(): Flow<never> {
      yield* wait(Promise.resolve())
      throw new Error('late')
    }
    function* failsAtOnce(): Flow<never> {
      throw new Error('early')
    }
    await expect(runFlow(failsLater())).rejects.toThrow('late')
    expect(() => runFlow(failsAtOnce())).toThrow('early')
  })
})

describe('flowToPromise', () => {
  it('always gives a promise: of the value, or rejected with what the flow threw at once', async () => {
    function* failsAtOnce(): Flow<never> {
      throw new Error('early')
    }
    await expect(flowToPromise(sumOfDoubles([4]))).resolves.toBe(8)
    await expect(flowToPromise(failsAtOnce())).rejects.toThrow('early')
  })
})

describe('isFlow', () => {
  it('tells a flow from a plain value or a promise', () => {
    expect(isFlow(double(1))).toBe(true)
    expect(isFlow({ status: 200 })).toBe(false)
    expect(isFlow(Promise.resolve(1))).toBe(false)
    expect(isFlow(null)).toBe(false)
  })
})
