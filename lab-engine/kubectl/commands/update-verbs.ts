// The verbs that change or inspect live objects beyond get/apply: patch, replace, edit, explain, wait.
//
// Collected here so index.ts registers them with one line.

import type { Verb } from './context'
import { editVerb } from './edit'
import { explainVerb } from './explain'
import { patchVerb } from './patch'
import { replaceVerb } from './replace'
import { waitVerb } from './wait'

export const UPDATE_VERBS: readonly Verb[] = [patchVerb, replaceVerb, editVerb, explainVerb, waitVerb]
