// Test support: a fake AppContext whose upstream is a tiny router over real app models (no mesh, no canned answers).
import { Rng } from '../../core/rng'
import type { AppContext, AppModel, AppRequest, AppResponse, Header, PodIdentity, UpstreamCall, UpstreamFailure } from './types'

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)

export interface FakePod {
  app: AppModel
  pod?: Partial<PodIdentity>
  /** Extra latency the fake network adds before the app answers (for client-timeout tests), ms. */
  delayMs?: number
}

/** What a fake host maps to: a pod running a model, a fixed network failure, or a choice made per call (a routing rule). */
export type FakeTarget = FakePod | UpstreamFailure | ((call: UpstreamCall) => FakePod | UpstreamFailure)

export interface FakeWorld {
  /** Keyed by the short service name (`details`); `name.ns.svc.cluster.local` forms resolve to it. */
  hosts: Record<string, FakeTarget>
  seed?: number
}

export interface RecordedCall { from: string; call: UpstreamCall }

export interface FakeContextResult {
  ctx: AppContext
  calls: RecordedCall[]
  logs: string[]
}

export function podIdentity(p: Partial<PodIdentity> = {}): PodIdentity {
  return { name: 'test-pod-1', namespace: 'default', labels: {}, podIp: '10.244.0.10', env: {}, ...p }
}

/** A context for `pod`, whose upstream calls go straight to the models in `world`. */
export function fakeContext(world: FakeWorld, pod: Partial<PodIdentity> = {}, shared?: { rng: Rng; calls: RecordedCall[]; logs: string[] }): FakeContextResult {
  const rng = shared?.rng ?? Rng.seeded(world.seed ?? 1)
  const calls = shared?.calls ?? []
  const logs = shared?.logs ?? []
  const me = podIdentity(pod)
  const state = new Map<string, unknown>()
  const ctx: AppContext = {
    rng, pod: me, state,
    now: () => T0,
    appendLog: (line) => logs.push(`${me.name}: ${line}`),
    async upstream(call): Promise<AppResponse | UpstreamFailure> {
      calls.push({ from: me.name, call })
      const entry = world.hosts[call.host.split('.')[0]!]
      const target = typeof entry === 'function' ? entry(call) : entry
      if (!target) return { kind: 'upstream-failure', reason: 'resolve', message: `Name or service not known: ${call.host}` }
      if ('kind' in target) return target
      if (!target.app.listensOn(call.port)) return { kind: 'upstream-failure', reason: 'connect', message: 'Connection refused' }
      if (call.timeoutMs !== undefined && (target.delayMs ?? 0) > call.timeoutMs) {
        return { kind: 'upstream-failure', reason: 'timeout', message: 'Read timed out' }
      }
      const inner = fakeContext(world, { name: `${call.host.split('.')[0]}-pod`, ...target.pod }, { rng, calls, logs }).ctx
      const req: AppRequest = {
        method: call.method, path: call.path, body: call.body ?? '', scheme: 'http',
        host: `${call.host}:${call.port}`, sourceIp: me.podIp, port: call.port,
        headers: [['host', `${call.host}:${call.port}`], ...call.headers.map(([k, v]): Header => [k.toLowerCase(), v])],
      }
      return target.app.handle(req, inner)
    },
  }
  return { ctx, calls, logs }
}

/** A request as curl would send it through a sidecar. */
export function request(path: string, init: Partial<AppRequest> = {}): AppRequest {
  const host = init.host ?? 'test:80'
  return {
    method: 'GET', path, body: '', scheme: 'http', host, sourceIp: '127.0.0.6',
    headers: [['host', host], ['user-agent', 'curl/8.11.1'], ['accept', '*/*']],
    ...init,
  }
}

/** First header value in a response (names compared case-insensitively). */
export function responseHeader(res: AppResponse, name: string): string | undefined {
  return res.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]
}
