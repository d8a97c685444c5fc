// Types for Monaco 0.55's internal worker helper (the package ships it without declarations).
declare module 'monaco-editor/esm/vs/common/workers.js' {
  import type { editor } from 'monaco-editor/esm/vs/editor/editor.api.js'

  /** The pre-0.55 createWebWorker: finds the worker through MonacoEnvironment.getWorker(…, label) and sends it createData. */
  export function createWebWorker<T extends object>(opts: { moduleId?: string; label?: string; createData?: unknown; host?: Record<string, Function>; keepIdleModels?: boolean }): editor.MonacoWebWorker<T>
}
