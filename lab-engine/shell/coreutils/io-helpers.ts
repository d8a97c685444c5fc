// Coreutils I/O helpers: read operands or stdin, and report per-file errors in coreutils' wording.
import type { CommandContext } from '../registry'
import { basename, resolvePath } from '../vfs'
import { describeError } from '../vfs-error'
import { parseArgs, UsageError, type ArgSpec, type ParsedArgs } from './args'

export interface InputFile { name: string; text: string }

/** Each operand's text (`-` or none means stdin); unreadable ones are reported and skipped. */
export function readInputs(ctx: CommandContext, tool: string, operands: string[]): { files: InputFile[]; failed: boolean } {
  const names = operands.length ? operands : ['-']
  const files: InputFile[] = []
  let failed = false
  for (const name of names) {
    if (name === '-') { files.push({ name, text: ctx.stdin }); continue }
    try {
      files.push({ name, text: ctx.vfs.readFile(resolvePath(ctx.cwd, name)) })
    } catch (err) {
      ctx.stderr.write(describeError(tool, name, err) + '\n')
      failed = true
    }
  }
  return { files, failed }
}

/** Text -> lines without the final newline's empty tail. */
export function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

export function joinLines(lines: string[]): string {
  return lines.length ? lines.join('\n') + '\n' : ''
}

/** Parses options; a usage error is printed and becomes the given exit status. */
export function withArgs(ctx: CommandContext, tool: string, spec: ArgSpec, status: number, body: (a: ParsedArgs) => number | Promise<number>): number | Promise<number> {
  let parsed: ParsedArgs
  try {
    parsed = parseArgs(tool, ctx.argv.slice(1), spec)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    ctx.stderr.write(err.message + '\n')
    return status
  }
  return body(parsed)
}

export function abs(ctx: CommandContext, path: string): string {
  return resolvePath(ctx.cwd, path)
}

/**
 * cp and mv's operand rule: SOURCE... DEST, into DEST when it is a directory.
 * Calls each(src, to) per source and returns the worst status, or prints GNU's usage errors.
 */
export function eachTransferTarget(ctx: CommandContext, tool: string, operands: string[], each: (src: string, to: string, dest: string) => number): number {
  if (operands.length < 2) {
    ctx.stderr.write(operands.length ? `${tool}: missing destination file operand after '${operands[0]}'\n` : `${tool}: missing file operand\n`)
    ctx.stderr.write(`Try '${tool} --help' for more information.\n`)
    return 1
  }
  const dest = operands[operands.length - 1]!
  const sources = operands.slice(0, -1)
  const intoDir = ctx.vfs.isDir(abs(ctx, dest))
  if (sources.length > 1 && !intoDir) { ctx.stderr.write(`${tool}: target '${dest}': Not a directory\n`); return 1 }
  let status = 0
  for (const src of sources) {
    const to = intoDir ? resolvePath(abs(ctx, dest), basename(src)) : abs(ctx, dest)
    status = Math.max(status, each(src, to, dest))
  }
  return status
}
