'use client'
// ManifestEditor: the workbench's editor pane. Monaco with Kubernetes/Istio schemas over a file of the lab session.
//
// Opens a file of the session's file system (or a scratch manifest), saves it
// (Ctrl/Cmd-S), applies it with the session's kubectl and shows kubectl's answer
// under the editor. For `kubectl edit` (a `ui` open-editor event; the workbench
// passes the path with `pendingEdit`), saving hands the file back to kubectl
// and "Cancel edit" closes it unsaved, as quitting vi would.
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { applyManifests, discardSessionEdit, EditorApiError, readSessionFile, saveSessionFile, type ApplyResult } from './editor-api'
import { EditorMessageBar, type EditorMessage } from './editor-message'
import { EditorHelp, EditorToolbar, type EditorAction } from './editor-toolbar'
import { isManifestPath } from './manifest-path'
import { useMonacoEditor } from './use-monaco-editor'

export interface ManifestEditorFile {
  path: string
  title?: string
  /** A `kubectl edit` waits on this file. */
  pendingEdit?: boolean
  /** Changes when the same file is opened again (kubectl edit reopens it with its errors): the text is reloaded. */
  openedAt?: number
}

export interface ManifestEditorProps {
  sessionId: string
  file?: ManifestEditorFile
  /** The text to show instead of reading the file (or the scratch buffer's text when there is no file). */
  initialText?: string
  readOnly?: boolean
  onApplied?: (result: ApplyResult) => void
  /** A pending `kubectl edit` was handed back: saved, or cancelled. */
  onEditFinished?: (outcome: 'saved' | 'cancelled') => void
}

const DEFAULT_SAVE_AS = '~/manifest.yaml'

export function ManifestEditor({ sessionId, file, initialText, readOnly = false, onApplied, onEditFinished }: ManifestEditorProps) {
  const container = useRef<HTMLDivElement>(null)
  const helpId = useId()
  const [path, setPath] = useState<string | undefined>(file?.path)
  const [pendingEdit, setPendingEdit] = useState(Boolean(file?.pendingEdit))
  const [saveAs, setSaveAs] = useState(DEFAULT_SAVE_AS)
  const [busy, setBusy] = useState<EditorAction | null>(null)
  const [message, setMessage] = useState<EditorMessage | null>(null)
  const run = useRef<(action: EditorAction) => void>(() => {})
  const editor = useMonacoEditor({ container, readOnly, label: `Editor: ${file?.title ?? file?.path ?? 'new manifest'}`, onSave: () => run.current('save') })

  const fileKey = file ? `${file.path}\n${file.title ?? ''}\n${file.pendingEdit ?? ''}\n${file.openedAt ?? ''}` : ''
  useEffect(() => {
    if (editor.status !== 'ready') return
    let stale = false
    setPath(file?.path)
    setPendingEdit(Boolean(file?.pendingEdit))
    setMessage(null)
    if (!file || initialText !== undefined) return void editor.open(file?.path, initialText ?? '')
    readSessionFile(sessionId, file.path).then(
      (found) => {
        if (stale) return
        editor.open(found?.path ?? file.path, found?.text ?? '')
        if (found) setPath(found.path)
        else setMessage({ tone: 'info', title: `${file.path} does not exist yet: Save creates it.` })
        if (file.pendingEdit) editor.focus()
      },
      (err) => !stale && setMessage({ tone: 'error', title: `Could not open ${file.path}: ${(err as Error).message}` }),
    )
    return () => void (stale = true)
    // fileKey stands for `file`: a new object with the same content must not reload
  }, [editor.status, fileKey, sessionId])

  useEffect(() => {
    if (!editor.dirty || readOnly) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [editor.dirty, readOnly])

  const act = useCallback(async (action: EditorAction) => {
    if (readOnly || busy || editor.status !== 'ready') return
    setBusy(action)
    try {
      setMessage(await perform(action))
    } catch (err) {
      setMessage({ tone: 'error', title: err instanceof EditorApiError ? err.message : `Something went wrong: ${(err as Error).message}` })
    } finally {
      setBusy(null)
    }
  }, [readOnly, busy, editor, path, saveAs, pendingEdit, sessionId])
  run.current = act

  async function perform(action: EditorAction): Promise<EditorMessage> {
    if (action === 'apply') {
      const result = await applyManifests(sessionId, editor.text())
      onApplied?.(result)
      const output = (result.stdout + result.stderr).trimEnd()
      return result.ok ? { tone: 'ok', title: 'Applied', output } : { tone: 'error', title: `kubectl apply failed (exit code ${result.exitCode})`, output }
    }
    if (action === 'cancel-edit') {
      await discardSessionEdit(sessionId, path!)
      setPendingEdit(false)
      onEditFinished?.('cancelled')
      return { tone: 'info', title: 'Edit cancelled: kubectl leaves the object unchanged.' }
    }
    const saved = await saveSessionFile(sessionId, path ?? saveAs, editor.text())
    editor.markSaved()
    setPath(saved.path)
    if (!pendingEdit) return { tone: 'ok', title: `Saved ${saved.path}` }
    setPendingEdit(false)
    onEditFinished?.('saved')
    return { tone: 'ok', title: 'Saved: kubectl edit carries on in the terminal.' }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault()
      void act('save')
    }
  }

  const name = file?.title ?? path ?? 'New manifest'
  return (
    <section className="flex h-full min-h-64 flex-col" aria-label="Manifest editor" onKeyDown={onKeyDown}>
      <EditorToolbar
        name={name}
        dirty={editor.dirty}
        readOnly={readOnly}
        pendingEdit={pendingEdit}
        busy={busy}
        disabled={editor.status !== 'ready'}
        canApply={isManifestPath(path ?? saveAs)}
        helpId={helpId}
        onAction={(a) => void act(a)}
        saveAs={path ? undefined : { value: saveAs, onChange: setSaveAs }}
      />
      <div className="relative min-h-0 flex-1">
        <div ref={container} className="absolute inset-0" data-testid="manifest-editor-monaco" />
        {editor.status !== 'ready' && (
          <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-500" role={editor.status === 'failed' ? 'alert' : undefined}>
            {editor.status === 'failed' ? 'The editor could not load. Reload the page to try again.' : 'Loading the editor…'}
          </p>
        )}
      </div>
      <EditorMessageBar message={message} onDismiss={() => setMessage(null)} />
      <EditorHelp id={helpId} readOnly={readOnly} />
    </section>
  )
}
