// Test support: run a script in a fresh sim session and render its results as one transcript.
import { runScript, type StatementResult } from '../../sim/session'

const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]'

/** Pod names keep their width: `web-5b45c7b54c-x8mcx` -> `web-HHHHHHHHHH-xxxxx`. */
export function maskPodNames(text: string): string {
  return text
    .replace(new RegExp(`-[0-9a-z]{8,10}-${SUFFIX}{5}\\b`, 'g'), (m) => `-${'H'.repeat(m.length - 7)}-xxxxx`)
}

/** `$ cmd` lines, stdout, `! stderr` lines and a `[exit N]` marker when non-zero. */
export function transcript(results: StatementResult[]): string {
  return results.map((r) => {
    const err = r.stderr ? r.stderr.replace(/\n$/, '').split('\n').map((l) => `! ${l}`).join('\n') + '\n' : ''
    return `$ ${r.command.split('\n')[0]}\n${r.stdout}${err}${r.exitCode ? `[exit ${r.exitCode}]\n` : ''}`
  }).join('')
}

export async function run(script: string, seed = 1): Promise<string> {
  return maskPodNames(transcript(await runScript(script, { seed })))
}

export const DEPLOY_AND_SERVICE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - name: http
    port: 80
    targetPort: 80
`
