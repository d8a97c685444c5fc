// The "worker ready" handshake, as Monaco's own ESM worker bootstrap does it (`vscode-worker-ready`).
//
// Next bundles each worker into chunks that its runtime evaluates after the
// worker script has started, so messages posted right after `new Worker()` can
// arrive before the worker's handler exists: they then reach Monaco's default
// handler (or none) and the YAML service never starts. The page waits for this
// message before talking to the worker.

export const WORKER_READY = 'vscode-worker-ready'

/** Worker side: call after the imports that install `self.onmessage`. */
export function announceReady(): void {
  ;(self as unknown as { postMessage(message: unknown): void }).postMessage({ type: WORKER_READY })
}

/** Page side: the worker, once it has announced itself. */
export function whenReady(worker: Worker): Promise<Worker> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ type?: string } | null>) => {
      if (e.data?.type !== WORKER_READY) return
      worker.onmessage = null
      worker.onerror = null
      resolve(worker)
    }
    worker.onerror = (e) => reject(new Error(`the editor worker failed to start: ${e.message}`))
  })
}
