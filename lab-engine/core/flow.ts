// Flow: a step that may wait, written as a generator, run synchronously until it really waits.
//
// Why: a simulated request crosses a dozen stages per hop (sidecar, router, pool, server
// sidecar, app), and with the scheduler's sleep-at-once path most of them never wait on
// anything. As async functions each stage still costs a promise and a microtask turn per
// await -- most of a page's time and garbage. As generators a stage that does not wait is
// an ordinary call: `yield* step()` runs it and returns its value; only a stage that must
// wait yields the promise it waits on, and runFlow() resumes it when that settles.
//
// Writing one: `function* stage(): Flow<T>`; call others with `yield* other()`; wait on a
// promise with `yield* wait(promise)` (or `const p = ...; if (p) yield p` on a hot path,
// which allocates nothing when p is undefined).

/** A computation that yields the promises it waits on and returns T. */
export type Flow<T> = Generator<PromiseLike<unknown>, T, unknown>

/** T now, or later. */
export type MaybePromise<T> = T | Promise<T>

/** Waits on a promise inside a flow and returns its value (a rejection is thrown at the yield). */
export function* wait<T>(p: PromiseLike<T>): Flow<T> {
  return (yield p) as T
}

/**
 * Runs a flow: synchronously as long as it does not wait, so the result is T when it
 * never did; a Promise<T> once it has yielded. A throw before the first wait is thrown
 * to the caller synchronously.
 */
export function runFlow<T>(flow: Flow<T>): MaybePromise<T> {
  const step = flow.next()
  return step.done ? step.value : resumeAfter(flow, step.value)
}

/** Runs a flow to a promise, whatever it does. */
export function flowToPromise<T>(flow: Flow<T>): Promise<T> {
  try {
    const r = runFlow(flow)
    return r instanceof Promise ? r : Promise.resolve(r)
  } catch (err) {
    return Promise.reject(err)
  }
}

async function resumeAfter<T>(flow: Flow<T>, first: PromiseLike<unknown>): Promise<T> {
  let pending = first
  for (;;) {
    let value: unknown
    let rejected = false
    try {
      value = await pending
    } catch (err) {
      rejected = true
      value = err
    }
    // A rejected wait is thrown into the flow at its yield, where a try/catch may handle it.
    const step = rejected ? flow.throw(value) : flow.next(value)
    if (step.done) return step.value
    pending = step.value
  }
}

export function isFlow<T>(v: unknown): v is Flow<T> {
  return typeof v === 'object' && v !== null && typeof (v as Flow<T>).next === 'function' && typeof (v as Flow<T>)[Symbol.iterator] === 'function'
}
