'use client'
// One Monaco editor in a container: loads Monaco lazily, swaps in a model per opened file, tracks unsaved changes, follows the page theme.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import { pageIsDark, watchPageTheme } from '@/app/_components/terminal/terminal-theme'
import type { CodeEditor, createModel, Monaco } from './monaco-setup'

export type EditorStatus = 'loading' | 'ready' | 'failed'

export interface MonacoEditorHandle {
  status: EditorStatus
  /** Text differs from what was last opened or saved. */
  dirty: boolean
  /** Shows `text` as the file at `path` (replacing the previous model); the text counts as saved. */
  open(path: string | undefined, text: string): void
  text(): string
  /** The current text is now the saved one. */
  markSaved(): void
  focus(): void
}

interface Options {
  container: RefObject<HTMLDivElement | null>
  readOnly: boolean
  label: string
  /** Ctrl/Cmd-S inside the editor. */
  onSave: () => void
}

export function useMonacoEditor({ container, readOnly, label, onSave }: Options): MonacoEditorHandle {
  const [status, setStatus] = useState<EditorStatus>('loading')
  const [dirty, setDirty] = useState(false)
  const api = useRef<{ monaco: Monaco; editor: CodeEditor; createModel: typeof createModel } | null>(null)
  const savedVersion = useRef(0)
  const saveRef = useRef(onSave)
  saveRef.current = onSave
  const initial = useRef({ readOnly, label })

  useEffect(() => {
    let disposed = false
    const cleanups: Array<() => void> = []
    import('./monaco-setup')
      .then(async ({ loadMonaco, createModel }) => {
        const monaco = await loadMonaco()
        if (disposed || !container.current) return
        const editor = monaco.editor.create(container.current, {
          model: null, automaticLayout: true, readOnly: initial.current.readOnly, ariaLabel: initial.current.label, theme: pageIsDark() ? 'vs-dark' : 'vs',
          minimap: { enabled: false }, scrollBeyondLastLine: false, tabSize: 2, insertSpaces: true, fontSize: 13, quickSuggestions: { other: true, strings: true, comments: false },
        })
        editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => saveRef.current())
        const changes = editor.onDidChangeModelContent(() => setDirty(editor.getModel()?.getAlternativeVersionId() !== savedVersion.current))
        cleanups.push(watchPageTheme((dark) => monaco.editor.setTheme(dark ? 'vs-dark' : 'vs')), () => changes.dispose(), () => {
          editor.getModel()?.dispose()
          editor.dispose()
        })
        api.current = { monaco, editor, createModel }
        setStatus('ready')
      })
      .catch(() => !disposed && setStatus('failed'))
    return () => {
      disposed = true
      api.current = null
      cleanups.forEach((fn) => fn())
    }
  }, [container])

  useEffect(() => {
    if (status === 'ready') api.current?.editor.updateOptions({ readOnly, ariaLabel: label })
  }, [status, readOnly, label])

  const open = useCallback((path: string | undefined, text: string) => {
    const current = api.current
    if (!current) return
    const previous = current.editor.getModel()
    const model = current.createModel(current.monaco, path, text)
    current.editor.setModel(model)
    previous?.dispose()
    savedVersion.current = model.getAlternativeVersionId()
    setDirty(false)
  }, [])

  const markSaved = useCallback(() => {
    savedVersion.current = api.current?.editor.getModel()?.getAlternativeVersionId() ?? 0
    setDirty(false)
  }, [])

  return {
    status,
    dirty,
    open,
    markSaved,
    text: () => api.current?.editor.getValue() ?? '',
    focus: () => api.current?.editor.focus(),
  }
}
