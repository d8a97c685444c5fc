// sed executor: runs parsed instructions over lines (the pattern space), with GNU's range and auto-print rules.
import type { Address, ReplacementPart, SedCommand, SedInstruction } from './parse'

export interface SedResult {
  output: string
  /** Set by `q N` / `Q N`: stop reading input and exit with this status. */
  quit: number | null
  error: string | null
}

interface Cycle {
  space: string
  lineNo: number
  last: boolean
  deleted: boolean
  quit: number | null
  quitPrints: boolean
  appended: string[]
}

/** Per-run state: which ranges are open, and the last regex used (for `//`). */
export class SedMachine {
  private readonly openRanges = new Map<SedInstruction, boolean>()
  private lastRegex: RegExp | null = null
  private lineNo = 0

  constructor(private readonly program: SedInstruction[], private readonly quiet: boolean) {}

  /** Runs the script over one stream of lines; `last` says whether this stream ends the input (`$`). */
  run(lines: string[], endsInput: boolean, finalNewline: boolean): SedResult {
    let output = ''
    for (let k = 0; k < lines.length; k++) {
      const cycle: Cycle = { space: lines[k], lineNo: ++this.lineNo, last: endsInput && k === lines.length - 1, deleted: false, quit: null, quitPrints: true, appended: [] }
      const emit = (s: string) => { output += s }
      try {
        this.exec(this.program, cycle, emit)
      } catch (err) {
        if (err instanceof SedRuntimeError) return { output, quit: null, error: err.message }
        throw err
      }
      const newline = k < lines.length - 1 || finalNewline ? '\n' : ''
      if (!cycle.deleted && !this.quiet && cycle.quitPrints) output += cycle.space + newline
      for (const a of cycle.appended) output += a + '\n'
      if (cycle.quit !== null) return { output, quit: cycle.quit, error: null }
    }
    return { output, quit: null, error: null }
  }

  private exec(list: SedInstruction[], cycle: Cycle, emit: (s: string) => void): void {
    for (const ins of list) {
      if (cycle.deleted || cycle.quit !== null) return
      if (this.selects(ins, cycle) === ins.negate) continue
      this.apply(ins.command, ins, cycle, emit)
    }
  }

  private apply(cmd: SedCommand, ins: SedInstruction, cycle: Cycle, emit: (s: string) => void): void {
    switch (cmd.name) {
      case 's': return this.substitute(cmd, cycle, emit)
      case 'd': case 'D': cycle.deleted = true; return
      case 'p': emit(cycle.space + '\n'); return
      case '=': emit(`${cycle.lineNo}\n`); return
      case 'q': cycle.quit = cmd.code; return
      case 'Q': cycle.quit = cmd.code; cycle.quitPrints = false; return
      case 'a': cycle.appended.push(cmd.text); return
      case 'i': emit(cmd.text + '\n'); return
      case 'c':
        // With a range, GNU prints the text once, at the range's end.
        if (!ins.addr2 || !this.openRanges.get(ins)) emit(cmd.text + '\n')
        cycle.deleted = true
        return
      case 'y': cycle.space = [...cycle.space].map((ch) => cmd.map.get(ch) ?? ch).join(''); return
      case '{': return this.exec(cmd.body, cycle, emit)
    }
  }

  private substitute(cmd: Extract<SedCommand, { name: 's' }>, cycle: Cycle, emit: (s: string) => void): void {
    const re = this.regexFor(cmd.re)
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g')
    let out = '', pos = 0, count = 0, changed = false
    for (let m = global.exec(cycle.space); m; m = global.exec(cycle.space)) {
      count++
      if (count >= cmd.occurrence && (cmd.global || count === cmd.occurrence)) {
        out += cycle.space.slice(pos, m.index) + expand(cmd.replacement, m)
        pos = m.index + m[0].length
        changed = true
        if (!cmd.global) break
      }
      if (m[0] === '') global.lastIndex++
      if (global.lastIndex > cycle.space.length) break
    }
    if (!changed) return
    cycle.space = out + cycle.space.slice(pos)
    if (cmd.print) emit(cycle.space + '\n')
  }

  private selects(ins: SedInstruction, cycle: Cycle): boolean {
    if (!ins.addr1) return true
    if (!ins.addr2) return this.matches(ins.addr1, cycle)
    if (this.openRanges.get(ins)) {
      const end = ins.addr2
      const closes = end.type === 'line' ? cycle.lineNo >= end.n : this.matches(end, cycle)
      if (closes || (end.type === 'line' && cycle.lineNo > end.n)) this.openRanges.set(ins, false)
      return true
    }
    if (!this.matches(ins.addr1, cycle)) return false
    // A numeric end at or before the start line makes a one-line range (GNU).
    const end = ins.addr2
    const oneLine = (end.type === 'line' && end.n <= cycle.lineNo) || (end.type === 'last' && cycle.last)
    this.openRanges.set(ins, !oneLine)
    return true
  }

  private matches(addr: Address, cycle: Cycle): boolean {
    if (addr.type === 'line') return cycle.lineNo === addr.n
    if (addr.type === 'last') return cycle.last
    const re = this.regexFor(addr.re)
    re.lastIndex = 0
    return re.test(cycle.space)
  }

  private regexFor(re: RegExp | null): RegExp {
    if (re) {
      this.lastRegex = re
      return re
    }
    if (!this.lastRegex) throw new SedRuntimeError('sed: no previous regular expression')
    return this.lastRegex
  }
}

class SedRuntimeError extends Error {}

function expand(parts: ReplacementPart[], m: RegExpExecArray): string {
  return parts.map((p) => (p.type === 'text' ? p.text : m[p.n] ?? '')).join('')
}
