// A per-driver memo of chart answers: a range that ends at a past, step-aligned instant does not change, so polls within one step share one computation.
//
// Prometheus stamps a sample at its scrape (the sim puts a write in the scrape
// slot at or after it), so values at instants up to now are final; the charts
// poll every few seconds but the range end moves once per step (15 s or more).
// Keyed by the driver object, so a session's entries go when its driver does;
// in-flight answers are shared, failures are not kept.

/** Answers kept per driver (a window and a service each). */
export const MAX_ENTRIES_PER_DRIVER = 16

const memo = new WeakMap<object, Map<string, Promise<unknown>>>()

export function cachedPerDriver<T>(driver: object, key: string, compute: () => Promise<T>): Promise<T> {
  let entries = memo.get(driver)
  if (!entries) memo.set(driver, (entries = new Map()))
  const hit = entries.get(key) as Promise<T> | undefined
  if (hit) {
    // Most recently used last.
    entries.delete(key)
    entries.set(key, hit)
    return hit
  }
  const value = compute()
  entries.set(key, value)
  value.catch(() => entries.get(key) === value && entries.delete(key))
  while (entries.size > MAX_ENTRIES_PER_DRIVER) entries.delete(entries.keys().next().value!)
  return value
}
