// LineMemo: the last log line a call site built, returned again while its parts are the same.
//
// Sample apps log the same few lines over and over (a page's upstream calls, a ratings
// lookup): a repeat of one of the last few hands back the string already built -- flattened once, when built --
// instead of a new template string per request. Parts compare with ===, so numbers and
// strings only.

type Part = string | number | undefined

/** Lines one memo keeps: a call site may alternate between a few (productpage logs its details and reviews calls in turn). */
export const LINE_MEMO_SLOTS = 4

class MemoEntry {
  constructor(
    readonly a: Part, readonly b: Part, readonly c: Part, readonly d: Part, readonly e: Part, readonly f: Part,
    readonly text: string,
  ) {}
}

export class LineMemo {
  private readonly entries: MemoEntry[] = []
  /** The slot the next new line replaces once all are taken. */
  private next = 0

  constructor(private readonly format: (a: never, b: never, c: never, d: never, e: never, f: never) => string) {}

  /** The line for these parts: a remembered one when every part equals that line's. */
  line(a: Part, b?: Part, c?: Part, d?: Part, e?: Part, f?: Part): string {
    const entries = this.entries
    for (let i = 0; i < entries.length; i++) {
      const x = entries[i]!
      if (a === x.a && b === x.b && c === x.c && d === x.d && e === x.e && f === x.f) return (lastLine = x.text)
    }
    const text = (this.format as (a: Part, b: Part, c: Part, d: Part, e: Part, f: Part) => string)(a, b, c, d, e, f)
    // A regular expression needs a flat string: the template's pieces become one string, once.
    FLATTEN.test(text)
    const entry = new MemoEntry(a, b, c, d, e, f, text)
    if (entries.length < LINE_MEMO_SLOTS) entries.push(entry)
    else {
      entries[this.next] = entry
      this.next = (this.next + 1) % LINE_MEMO_SLOTS
    }
    return (lastLine = text)
  }
}

const FLATTEN = /^/

/** The line a LineMemo handed out last. */
let lastLine: string | undefined

/** Whether a line is the one a LineMemo just handed out (already flat: the pod log need not flatten it). */
export function isMemoLine(line: string): boolean {
  return line === lastLine
}

/** A memo for a formatter of typed parts. */
export function lineMemo<A extends Part, B extends Part = undefined, C extends Part = undefined, D extends Part = undefined, E extends Part = undefined, F extends Part = undefined>(
  format: (a: A, b: B, c: C, d: D, e: E, f: F) => string,
): { line(a: A, b?: B, c?: C, d?: D, e?: E, f?: F): string } {
  return new LineMemo(format as (a: never, b: never, c: never, d: never, e: never, f: never) => string)
}
