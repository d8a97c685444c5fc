// `kubectl get -o FORMAT`: yaml, json, name, jsonpath=, custom-columns=, wide and the default table.
//
// Follows k8s.io/kubectl/pkg/cmd/get/get.go printGeneric (several objects, or a list request, are
// wrapped as {apiVersion: v1, items, kind: List, metadata: {resourceVersion: ""}}), cli-runtime's
// JSONPrinter (json.MarshalIndent with 4 spaces, keys sorted as for unstructured maps), YAMLPrinter
// (sigs.k8s.io/yaml), NamePrinter ("kind.group/name") and the output-format error wording.

import type { KubeObject } from '../../cluster/types'
import { parseCustomColumns, printCustomColumns } from './custom-columns'
import { goJson } from './go-json'
import { goYaml } from './go-yaml'
import { printJsonPath } from './jsonpath'
import { kindPrefix, printTables, type TableOptions } from './table'

export type OutputFormat =
  | { type: 'table'; wide: boolean }
  | { type: 'yaml' }
  | { type: 'json' }
  | { type: 'name' }
  | { type: 'jsonpath'; template: string }
  | { type: 'custom-columns'; spec: string }

export interface OutputResult {
  stdout: string
  stderr: string
  exitCode: number
}

export const ALLOWED_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml'

/** Parses the value of -o/--output ("" is the default table); a string is kubectl's error message. */
export function parseOutputFormat(value: string): OutputFormat | string {
  if (value === '') return { type: 'table', wide: false }
  if (value === 'wide') return { type: 'table', wide: true }
  if (value === 'yaml' || value === 'json' || value === 'name') return { type: value }
  const eq = value.indexOf('=')
  const head = eq < 0 ? value : value.slice(0, eq)
  const arg = eq < 0 ? '' : value.slice(eq + 1)
  if (head === 'jsonpath') return eq < 0 ? 'template format specified but no template given' : { type: 'jsonpath', template: arg }
  if (head === 'custom-columns') return eq < 0 ? 'custom-columns format specified but no custom columns given' : { type: 'custom-columns', spec: arg }
  return `unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED_FORMATS}`
}

export interface PrintOptions extends TableOptions {
  /** `kubectl get KIND NAME` for one name: the object prints alone, not wrapped in a List. */
  singleItem?: boolean
}

/** What `kubectl get` prints for objects in a format. */
export function printObjects(objects: readonly KubeObject[], format: OutputFormat, opts: PrintOptions): OutputResult {
  switch (format.type) {
    case 'table': return { ...printTables(objects, { ...opts, wide: format.wide }), exitCode: 0 }
    case 'yaml': return ok(goYaml(shape(objects, opts)))
    case 'json': return ok(goJson(shape(objects, opts), '    ') + '\n')
    case 'name': return ok(objects.map((o) => `${kindPrefix(o)}/${o.metadata.name}\n`).join(''))
    case 'jsonpath': return printJsonPath(format.template, shape(objects, opts))
    case 'custom-columns': return customColumns(objects, format.spec, opts.noHeaders ?? false)
  }
}

/** The object alone for a single named get, else the List wrapper kubectl builds. */
export function shape(objects: readonly KubeObject[], opts: Pick<PrintOptions, 'singleItem'>): unknown {
  if (opts.singleItem && objects.length === 1) return objects[0]
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } }
}

function customColumns(objects: readonly KubeObject[], spec: string, noHeaders: boolean): OutputResult {
  try {
    return ok(printCustomColumns(objects, parseCustomColumns(spec), noHeaders))
  } catch (e) {
    return { stdout: '', stderr: `error: ${(e as Error).message}\n`, exitCode: 1 }
  }
}

function ok(stdout: string): OutputResult {
  return { stdout, stderr: '', exitCode: 0 }
}
