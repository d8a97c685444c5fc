// Idempotent close: the first call runs the steps in order, later calls share its promise.
export function closeOnce(...steps: Array<() => Promise<unknown>>): () => Promise<void> {
  let closing: Promise<void> | undefined
  const run = async () => {
    let first: unknown
    for (const step of steps) {
      await step().catch((err: unknown) => {
        first ??= err
      })
    }
    if (first !== undefined) throw first
  }
  return () => (closing ??= run())
}
