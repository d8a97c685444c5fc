// Coreutils: registers the shell's standard commands on a registry.
import { CommandRegistry, type CommandSpec } from '../registry'
import { awk } from './awk'
import { base64 } from './base64'
import { cat } from './cat'
import { cd, pwd } from './cd-pwd'
import { cp } from './cp'
import { cut } from './cut'
import { echo } from './echo'
import { grep } from './grep'
import { head, tail } from './head-tail'
import { ls } from './ls'
import { mkdir, rm } from './mkdir-rm'
import { printf } from './printf'
import { sed } from './sed'
import { seq } from './seq'
import { sleep } from './sleep'
import { sort, uniq } from './sort-uniq'
import { tee } from './tee'
import { bracket, test } from './test'
import { tr } from './tr'
import { colon, falseCmd, trueCmd } from './true-false'
import { env, exportCmd, read, unset } from './vars'
import { wc } from './wc'
import { which } from './which'

export const COREUTILS: readonly CommandSpec[] = [
  awk, base64, bracket, cat, cd, colon, cp, cut, echo, env, exportCmd, falseCmd, grep, head, ls, mkdir, printf,
  pwd, read, rm, sed, seq, sleep, sort, tail, tee, test, tr, trueCmd, uniq, unset, wc, which,
]

export function registerCoreutils(registry: CommandRegistry): CommandRegistry {
  for (const spec of COREUTILS) registry.registerCommand(spec)
  return registry
}
