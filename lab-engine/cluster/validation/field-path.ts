// Field paths as the API server prints them: `spec.http[0].route[0].weight`.

/** Joins path segments: names with dots, array indices in brackets. */
export function fieldPath(segments: ReadonlyArray<string | number>): string {
  let out = ''
  for (const s of segments) {
    if (typeof s === 'number' || /^\d+$/.test(s)) out += `[${s}]`
    else out += out ? `.${s}` : s
  }
  return out
}

/** AJV's instancePath (`/spec/http/0`) as segments; `~1` and `~0` are JSON-pointer escapes. */
export function pointerSegments(pointer: string): string[] {
  if (!pointer) return []
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** The value at a JSON pointer, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let v = root
  for (const s of pointerSegments(pointer)) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[s]
  }
  return v
}
