// awk records: $0, its fields split by FS (lazily, with the FS in force when the record was read), NF, rebuilding with OFS.
import { compileRegex } from '../safe-regex'
import { StrNum, UNINIT, type Value } from './values'

/** Highest field index a program may touch (`$100001 = 1` would otherwise allocate freely). */
export const MAX_FIELD_INDEX = 100_000

export class AwkRuntimeError extends Error {}

export class AwkRecord {
  private text = ''
  private fields: string[] | null = []
  private splitWith = ' '

  constructor(private readonly ofs: () => string) {}

  set(text: string, fs: string): void {
    this.text = text
    this.splitWith = fs
    this.fields = null
  }

  get(index: number): Value {
    if (index === 0) return new StrNum(this.text)
    checkIndex(index)
    const f = this.split()[index - 1]
    return f === undefined ? UNINIT : new StrNum(f)
  }

  put(index: number, value: string, fs: string): void {
    if (index === 0) return this.set(value, fs)
    checkIndex(index)
    const fields = this.split()
    while (fields.length < index) fields.push('')
    fields[index - 1] = value
    this.rebuild()
  }

  get nf(): number {
    return this.split().length
  }

  setNf(n: number): void {
    if (n < 0 || n > MAX_FIELD_INDEX) throw new AwkRuntimeError(`awk: trying to set NF to ${n}`)
    const fields = this.split()
    fields.length = Math.min(fields.length, n)
    while (fields.length < n) fields.push('')
    this.rebuild()
  }

  private rebuild(): void {
    this.text = this.fields!.join(this.ofs())
  }

  private split(): string[] {
    this.fields ??= splitFields(this.text, this.splitWith)
    return this.fields
  }
}

function checkIndex(index: number): void {
  if (!(index >= 0) || index > MAX_FIELD_INDEX) throw new AwkRuntimeError(`awk: trying to access out of range field ${index}`)
}

/** POSIX field splitting: " " splits on blank runs (trimmed), one other char literally, longer FS as an ERE. */
export function splitFields(text: string, fs: string): string[] {
  if (text === '') return []
  if (fs === ' ') { const t = text.trim(); return t ? t.split(/[ \t\n]+/) : [] }
  if (fs.length === 1 && fs !== '\\') return text.split(fs)
  const r = compileRegex(fs, { syntax: 'ERE', global: true })
  if (!r.ok) throw new AwkRuntimeError(`awk: illegal field separator ${fs}: ${r.message}`)
  return text.split(r.re)
}
