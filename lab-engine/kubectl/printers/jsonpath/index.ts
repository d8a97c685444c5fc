// `kubectl get -o jsonpath=TEMPLATE`: parse, run, and kubectl's error wording.
//
// Follows k8s.io/cli-runtime/pkg/printers/jsonpath.go (JSONPathPrinter.PrintObj) and
// k8s.io/cli-runtime/pkg/genericclioptions/jsonpath_flags.go ("error parsing jsonpath %s, %v").

import { executeTemplate, goSharpV } from './evaluate'
import { JsonPathError, parseTemplate } from './parse'

export { JsonPathError, parseTemplate, parsePath } from './parse'
export type { PathNode, Segment } from './parse'
export { evalPath, executeTemplate } from './evaluate'

export interface JsonPathResult {
  stdout: string
  stderr: string
  exitCode: number
}

/** What kubectl prints for `-o jsonpath=template` over data (an object or a List). */
export function printJsonPath(template: string, data: unknown): JsonPathResult {
  let segments
  try {
    segments = parseTemplate(template)
  } catch (e) {
    return fail(`error: error parsing jsonpath ${template}, ${messageOf(e)}\n`)
  }
  try {
    return { stdout: executeTemplate(segments, data), stderr: '', exitCode: 0 }
  } catch (e) {
    const detail = `Error executing template: ${messageOf(e)}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n`
    return fail(`error: error executing jsonpath ${JSON.stringify(template)}: ${detail}\n`)
  }
}

function fail(stderr: string): JsonPathResult {
  return { stdout: '', stderr, exitCode: 1 }
}

function messageOf(e: unknown): string {
  if (e instanceof JsonPathError) return e.message
  throw e
}
