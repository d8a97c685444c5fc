// The sim's UI channel: shell commands' requests to the browser become `ui` EngineEvents.
//
// `kubectl edit` waits for the learner to save the object in the workbench
// editor: saving is a writeFile() of that path through the driver, which
// completes the edit; closing unsaved is discardEdit(). Ctrl-C in the terminal
// aborts the wait, as it would stop a real editor.
import type { UiAction, UiChannel } from '../../core/ui-channel'

export class SimUiChannel implements UiChannel {
  private readonly pending = new Map<string, (saved: boolean) => void>()

  constructor(private readonly onAction: (action: UiAction) => void) {}

  emit(action: UiAction): void {
    this.onAction(action)
  }

  edit(path: string, title: string, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      const done = (saved: boolean) => {
        this.pending.delete(path)
        signal.removeEventListener('abort', onAbort)
        resolve(saved)
      }
      const onAbort = () => {
        this.pending.delete(path)
        reject(signal.reason)
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.pending.get(path)?.(false)
      this.pending.set(path, done)
      this.emit({ action: 'open-editor', path, title })
    })
  }

  /** The editor saved `path`: an edit waiting on it goes on. */
  saved(path: string): void {
    this.pending.get(path)?.(true)
  }

  /** The editor closed `path` without saving. */
  discardEdit(path: string): void {
    this.pending.get(path)?.(false)
  }
}
