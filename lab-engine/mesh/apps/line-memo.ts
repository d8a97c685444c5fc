// LineMemo: the last log line a call site built, returned again while its parts are the same.
//
// Sample apps log the same few lines over and over (a page's upstream calls, a ratings
// lookup): a repeat hands back the string already built -- flattened once, when built --
// instead of a new template string per request. Parts compare with ===, so numbers and
// strings only.

type Part = string | number | undefined

export class LineMemo {
  private a: Part
  private b: Part
  private c: Part
  private d: Part
  private e: Part
  private f: Part
  private text: string | undefined

  constructor(private readonly format: (a: never, b: never, c: never, d: never, e: never, f: never) => string) {}

  /** The line for these parts: the remembered one when every part equals the last call's. */
  line(a: Part, b?: Part, c?: Part, d?: Part, e?: Part, f?: Part): string {
    if (this.text !== undefined && a === this.a && b === this.b && c === this.c && d === this.d && e === this.e && f === this.f) return (lastLine = this.text)
    this.a = a
    this.b = b
    this.c = c
    this.d = d
    this.e = e
    this.f = f
    const text = (this.format as (a: Part, b: Part, c: Part, d: Part, e: Part, f: Part) => string)(a, b, c, d, e, f)
    // A regular expression needs a flat string: the template's pieces become one string, once.
    FLATTEN.test(text)
    return (this.text = lastLine = text)
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
