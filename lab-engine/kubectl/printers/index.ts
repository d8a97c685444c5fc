// kubectl output printers: pure functions from objects and the current time to the text kubectl prints.
//
// Entry points for `kubectl get` (shell/commands): parse -o with parseOutputFormat, then printObjects.

export { age, humanDuration } from './age'
export { columnsFor, formatLabels, type Column } from './columns'
export { parseCustomColumns, printCustomColumns, type CustomColumn } from './custom-columns'
export { goJson } from './go-json'
export { goYaml } from './go-yaml'
export { printJsonPath, type JsonPathResult } from './jsonpath'
export { ALLOWED_FORMATS, parseOutputFormat, printObjects, shape, type OutputFormat, type OutputResult, type PrintOptions } from './output'
export { kindPrefix, printTables, type PrintResult, type TableOptions } from './table'
export { alignRows } from './tabwriter'
