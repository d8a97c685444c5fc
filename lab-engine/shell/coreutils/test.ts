// test and [: file tests (-e -f -d -s), strings (-z -n = !=), integers (-eq -ne -lt -le -gt -ge), ! and -a/-o.
import type { CommandContext, CommandSpec } from '../registry'
import { resolvePath } from '../vfs'

class TestError extends Error {}

const INT_OPS: Record<string, (a: number, b: number) => boolean> = {
  '-eq': (a, b) => a === b, '-ne': (a, b) => a !== b, '-lt': (a, b) => a < b,
  '-le': (a, b) => a <= b, '-gt': (a, b) => a > b, '-ge': (a, b) => a >= b,
}

function makeTest(name: 'test' | '['): CommandSpec {
  return {
    name,
    run(ctx) {
      let args = ctx.argv.slice(1)
      if (name === '[') {
        if (args[args.length - 1] !== ']') { ctx.stderr.write("bash: [: missing `]'\n"); return 2 }
        args = args.slice(0, -1)
      }
      try {
        return evaluate(ctx, args) ? 0 : 1
      } catch (err) {
        if (!(err instanceof TestError)) throw err
        ctx.stderr.write(`bash: ${name}: ${err.message}\n`)
        return 2
      }
    },
  }
}

function evaluate(ctx: CommandContext, args: string[]): boolean {
  const or = args.indexOf('-o')
  if (or > 0) return evaluate(ctx, args.slice(0, or)) || evaluate(ctx, args.slice(or + 1))
  const and = args.indexOf('-a', 1)
  if (and > 0 && args.length > 3) return evaluate(ctx, args.slice(0, and)) && evaluate(ctx, args.slice(and + 1))
  if (args[0] === '!' && args.length > 1) return !evaluate(ctx, args.slice(1))
  switch (args.length) {
    case 0: return false
    case 1: return args[0] !== ''
    case 2: return unary(ctx, args[0], args[1])
    case 3: return binary(args[0], args[1], args[2])
    default: throw new TestError('too many arguments')
  }
}

function unary(ctx: CommandContext, op: string, arg: string): boolean {
  const st = () => ctx.vfs.stat(resolvePath(ctx.cwd, arg))
  switch (op) {
    case '-z': return arg === ''
    case '-n': return arg !== ''
    case '-e': case '-r': case '-w': return st() !== null
    case '-f': return st()?.type === 'file'
    case '-d': return st()?.type === 'dir'
    case '-s': return (st()?.type === 'file' && st()!.size > 0)
    case '-x': return st()?.type === 'dir'
    default: throw new TestError(`${op}: unary operator expected`)
  }
}

function binary(a: string, op: string, b: string): boolean {
  if (op === '=' || op === '==') return a === b
  if (op === '!=') return a !== b
  const f = INT_OPS[op]
  if (!f) throw new TestError(`${op}: binary operator expected`)
  return f(integer(a), integer(b))
}

function integer(s: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new TestError(`${s}: integer expression expected`)
  return Number(s)
}

export const test = makeTest('test')
export const bracket = makeTest('[')
