// The verbs that reach into a running pod: exec, logs and port-forward (registered together in index.ts).
import type { Verb } from './context'
import { execVerb } from './exec'
import { logsVerb } from './logs'
import { portForwardVerb } from './port-forward'

export const POD_VERBS: readonly Verb[] = [logsVerb, execVerb, portForwardVerb]
