// Coreutils: registers the shell's standard commands on a registry.
import { CommandRegistry, type CommandSpec } from '../registry'
import { awk } from './awk'
import { base64 } from './base64'
import { cat } from './cat'
import { cd, pwd } from './cd-pwd'
import { cp } from './cp'
import { cut } from './cut'
import { date } from './date'
import { echo } from './echo'
import { grep } from './grep'
import { head, tail } from './head-tail'
import { history } from './history'
import { ls } from './ls'
import { mkdir, rm } from './mkdir-rm'
import { basename, dirname } from './path-names'
import { printenv } from './printenv'
import { printf } from './printf'
import { sed } from './sed'
import { seq } from './seq'
import { sleep } from './sleep'
import { sort, uniq } from './sort-uniq'
import { tee } from './tee'
import { mv, touch } from './touch-mv'
import { bracket, test } from './test'
import { tr } from './tr'
import { colon, falseCmd, trueCmd } from './true-false'
import { env, exportCmd, read, unset } from './vars'
import { wc } from './wc'
import { which } from './which'
import { xargs } from './xargs'
import { clear, help, yes } from './yes-clear-help'

export const COREUTILS: readonly CommandSpec[] = [
  awk, base64, basename, bracket, cat, cd, clear, colon, cp, cut, date, dirname, echo, env, exportCmd, falseCmd, grep, head,
  help, history, ls, mkdir, mv, printenv, printf, pwd, read, rm, sed, seq, sleep, sort, tail, tee, test, touch, tr, trueCmd, uniq,
  unset, wc, which, xargs, yes,
]

export function registerCoreutils(registry: CommandRegistry): CommandRegistry {
  for (const spec of COREUTILS) registry.registerCommand(spec)
  return registry
}
