'use client'
// The line under the editor: kubectl's answer to Apply (green or red), or what Save / Cancel did.

export interface EditorMessage {
  tone: 'ok' | 'error' | 'info'
  title: string
  /** Program output, shown as is (kubectl's lines). */
  output?: string
}

const TONES: Record<EditorMessage['tone'], string> = {
  ok: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  error: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
  info: 'border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300',
}

/** Always rendered (empty when there is nothing to say) so screen readers announce each new message. */
export function EditorMessageBar({ message, onDismiss }: { message: EditorMessage | null; onDismiss: () => void }) {
  return (
    <div role="status" aria-live="polite" className="shrink-0">
      {message && (
        <div className={`flex max-h-40 items-start gap-2 overflow-auto border-t px-3 py-1.5 text-xs ${TONES[message.tone]}`} data-tone={message.tone}>
          <div className="min-w-0 flex-1">
            <p className="font-medium">{message.title}</p>
            {message.output && <pre className="mt-0.5 whitespace-pre-wrap break-words font-mono">{message.output}</pre>}
          </div>
          <button type="button" className="rounded px-1 hover:bg-black/10 dark:hover:bg-white/10" onClick={onDismiss} aria-label="Dismiss message">
            ×
          </button>
        </div>
      )}
    </div>
  )
}
