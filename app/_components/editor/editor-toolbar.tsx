'use client'
// The editor's toolbar: the file's name with an unsaved-changes dot, Save / Apply, and for `kubectl edit` finish or cancel.

export type EditorAction = 'save' | 'apply' | 'cancel-edit'

interface Props {
  name: string
  dirty: boolean
  readOnly: boolean
  pendingEdit: boolean
  /** The action running now (its button says so; all are disabled meanwhile). */
  busy: EditorAction | null
  disabled: boolean
  canApply: boolean
  helpId: string
  onAction: (action: EditorAction) => void
  /** For a file that has no path yet: where Save writes it. */
  saveAs?: { value: string; onChange: (value: string) => void }
}

const TOOL = 'rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800'
const PRIMARY = 'rounded border border-brand-600 bg-brand-600 px-2 py-0.5 text-xs font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50'

export function EditorToolbar({ name, dirty, readOnly, pendingEdit, busy, disabled, canApply, helpId, onAction, saveAs }: Props) {
  const off = disabled || busy !== null
  return (
    <div role="toolbar" aria-label="Editor" aria-describedby={helpId} className="flex shrink-0 flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-1 text-xs dark:border-slate-800">
      <span className="mr-auto flex min-w-0 items-center gap-1.5 font-medium text-slate-700 dark:text-slate-300">
        <span className="truncate" title={name}>{name}</span>
        {dirty && (
          <span className="text-amber-600 dark:text-amber-400" title="Unsaved changes">
            <span aria-hidden="true">●</span>
            <span className="sr-only">(unsaved changes)</span>
          </span>
        )}
        {readOnly && <span className="rounded bg-slate-100 px-1.5 text-slate-600 dark:bg-slate-800 dark:text-slate-400">read only</span>}
      </span>
      {saveAs && !readOnly && (
        <label className="flex items-center gap-1 text-slate-600 dark:text-slate-400">
          Save as
          <input className="w-44 rounded border border-slate-300 bg-white px-1.5 py-0.5 font-mono text-xs dark:border-slate-700 dark:bg-slate-900" value={saveAs.value} onChange={(e) => saveAs.onChange(e.target.value)} spellCheck={false} />
        </label>
      )}
      {!readOnly && pendingEdit && (
        <>
          <button type="button" className={PRIMARY} disabled={off} onClick={() => onAction('save')}>
            {busy === 'save' ? 'Saving…' : 'Save and finish edit'}
          </button>
          <button type="button" className={TOOL} disabled={off} onClick={() => onAction('cancel-edit')}>
            {busy === 'cancel-edit' ? 'Cancelling…' : 'Cancel edit'}
          </button>
        </>
      )}
      {!readOnly && !pendingEdit && (
        <>
          <button type="button" className={TOOL} disabled={off} onClick={() => onAction('save')} aria-keyshortcuts="Control+S Meta+S">
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className={PRIMARY} disabled={off || !canApply} onClick={() => onAction('apply')} title="kubectl apply -f this file">
            {busy === 'apply' ? 'Applying…' : 'Apply'}
          </button>
        </>
      )}
    </div>
  )
}

/** A one-line key guide under the editor (also the toolbar's description for screen readers). */
export function EditorHelp({ id, readOnly }: { id: string; readOnly: boolean }) {
  return (
    <p id={id} className="shrink-0 border-t border-slate-200 px-3 py-0.5 text-[11px] text-slate-500 dark:border-slate-800 dark:text-slate-400">
      {readOnly ? '' : 'Ctrl+S (⌘S) saves. '}
      Tab indents; press Ctrl+M (macOS: Ctrl+Shift+M) so Tab moves focus out of the editor. Alt+F1: editor accessibility help.
    </p>
  )
}
