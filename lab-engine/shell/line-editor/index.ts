// Line editor public API: the sim terminal's readline over a Shell.
export { LineEditor, BRACKETED_PASTE_ON, CONTINUATION_PROMPT, MAX_TYPEAHEAD_KEYS, type LineEditorEvents, type LineEditorOptions } from './line-editor'
export { defaultCompleter, completePath, type ArgumentCompleter, type Completer, type Completion } from './completion'
export { HISTORY_LIMIT } from './history'
export { KeyDecoder, MAX_PASTE_CHARS, type Key, type KeyName } from './keys'
export { DEFAULT_COLS } from './render'
export { shellPrompt } from './prompt'
