// Test support: a fake HttpTransport whose load() runs clients concurrently on a virtual clock.
//
// Replies come from a function of the request's sequence number, so tests compute
// their expectations from the same rule. Delays are simulated time (the mesh
// Scheduler's sleep), so concurrent clients overlap exactly as their delays say.

import { Clock } from '../../../core/clock'
import { Scheduler } from '../../../mesh/data/scheduler'
import { CommandRegistry, createShell, manualClock, registerCoreutils, type Shell } from '../../../shell'
import { Vfs } from '../../../shell/vfs'
import type { HttpRequest, HttpResult, HttpTransport, LoadSender } from '../../curl/transport'
import { createFortioCommand } from './fortio'
import type { LoadTestResult } from './load-result'

export type FakeReply =
  | { status: number; delayMs: number; body?: string; headers?: [string, string][]; connectMs?: number }
  | { error: 7 | 28 | 52 | 56; delayMs: number }

export interface Seen { n: number; req: HttpRequest; at: number; reply: FakeReply }

export const START_MS = Date.UTC(2026, 0, 1)
export const SERVICE_IP = '10.96.12.34'

export function statusText(code: number): string {
  return ({ 200: 'OK', 404: 'Not Found', 418: "I'm a teapot", 503: 'Service Unavailable' } as Record<number, string>)[code] ?? 'Unknown'
}

/** The response the fake gives for a reply rule: Envoy-like headers with a content-length. */
export function toResult(r: FakeReply): HttpResult {
  const timings = { namelookup: 0, connect: ('connectMs' in r ? r.connectMs ?? 0 : 0) / 1000, starttransfer: r.delayMs / 1000, total: r.delayMs / 1000 }
  if ('error' in r) {
    const message = r.error === 7 ? 'Failed to connect' : r.error === 28 ? 'Operation timed out' : 'Recv failure'
    return { kind: 'error', curlExitCode: r.error, message, remoteIp: SERVICE_IP, timings, trace: [] }
  }
  const body = r.body ?? `{"status":${r.status}}\n`
  const headers: [string, string][] = r.headers ?? [['server', 'envoy'], ['content-type', 'application/json'], ['content-length', String(body.length)]]
  return { kind: 'response', httpVersion: '1.1', status: r.status, statusText: statusText(r.status), headers, body, remoteIp: SERVICE_IP, remotePort: 8000, timings, trace: [] }
}

export function fakeMesh(clock: Clock, rule: (n: number, req: HttpRequest) => FakeReply, onSend?: (n: number) => void) {
  const seen: Seen[] = []
  const scheduler = new Scheduler(clock)
  const answer = (req: HttpRequest): [FakeReply, number] => {
    const n = seen.length
    const reply = rule(n, req)
    seen.push({ n, req, at: clock.now(), reply })
    onSend?.(n)
    return [reply, n]
  }
  const transport: HttpTransport = {
    async send(req) {
      const [reply] = answer(req)
      clock.advanceBy(reply.delayMs)
      return toResult(reply)
    },
    load(ctx, body) {
      const sender: LoadSender = {
        // A request in flight completes even if the learner presses Ctrl-C meanwhile; pacing sleeps stop at once.
        send: async (req) => { const [reply] = answer(req); await scheduler.sleep(reply.delayMs); return toResult(reply) },
        all: (clients) => scheduler.all(clients),
        sleep: (ms) => scheduler.sleep(ms, ctx.signal),
        now: () => scheduler.now(),
      }
      return scheduler.run(() => body(sender))
    },
  }
  return { transport, seen }
}

/** A shell with coreutils and fortio over the fake mesh; `httpbin` resolves to SERVICE_IP; `results` gathers finished runs; `vfs` is the shell's files. */
export function fortioShell(rule: (n: number, req: HttpRequest) => FakeReply, onSend?: (n: number) => void): { shell: Shell; seen: Seen[]; clock: Clock; results: LoadTestResult[]; vfs: Vfs } {
  const results: LoadTestResult[] = []
  const shellClock = manualClock(START_MS)
  const { transport, seen } = fakeMesh(shellClock.clock, rule, onSend)
  const registry = registerCoreutils(new CommandRegistry())
  registry.registerCommand(createFortioCommand({
    transport: () => transport,
    source: { kind: 'pod', namespace: 'default', podName: 'fortio-deploy-1', podIp: '10.244.0.9', container: 'fortio' },
    resolve: (name) => (name === 'httpbin' ? [SERVICE_IP] : undefined),
    procs: 2,
    onResult: (r) => results.push(r),
  }))
  const vfs = Vfs.withHome(() => shellClock.now())
  return { shell: createShell({ clock: shellClock, registry, vfs }), seen, clock: shellClock.clock, results, vfs }
}

export async function run(shell: Shell, src: string, signal?: AbortSignal): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '', stderr = ''
  const code = await shell.run(src, { stdin: '', stdout: { write: (s) => { stdout += s } }, stderr: { write: (s) => { stderr += s } }, signal })
  return { stdout, stderr, code }
}
