// true, false and `:`: the exit-status-only commands.
import type { CommandSpec } from '../registry'

export const trueCmd: CommandSpec = { name: 'true', run: () => 0 }
export const falseCmd: CommandSpec = { name: 'false', run: () => 1 }
export const colon: CommandSpec = { name: ':', run: () => 0 }
