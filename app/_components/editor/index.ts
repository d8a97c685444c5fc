// The workbench's manifest editor. Import it with next/dynamic ({ ssr: false }); it loads Monaco itself, lazily.
export { ManifestEditor, type ManifestEditorFile, type ManifestEditorProps } from './manifest-editor'
export type { ApplyResult } from './editor-api'
