// The mesh as curl's HttpTransport: turns curl's HttpRequest into a wire request from its
// source (a pod, or the learner's machine), runs it on the scheduler, and reports the
// answer with curl's timings, trace lines and exit codes.
import { activePortForwards } from '../../pod-shell/network'
import {
  ephemeralPort, resolveForRequest, timeoutFailure,
  type HttpRequest, type HttpResult, type HttpTransport, type LoadSender, type TransportContext,
} from '../../pod-shell/curl/transport'
import { reasonPhrase } from '../apps'
import type { MeshNetwork } from './network'
import { podAt } from './directory'
import { resolveMemo, type Resolve } from './resolve-memo'
import type { MeshRequest, MeshResult, Origin } from './types'

/** The learner's machine on kind's docker network (the bridge's gateway address). */
export const HOST_ADDRESS = '172.18.0.1'

export function meshTransport(net: MeshNetwork): HttpTransport {
  return {
    send: (req, ctx) => net.scheduler.run(() => sendOne(net, req, ctx)),
    load: (ctx, body) => net.scheduler.run(() => body(loadSender(net, ctx))),
  }
}

function loadSender(net: MeshNetwork, ctx: TransportContext): LoadSender {
  const resolve = resolveMemo(net.store, ctx)
  return {
    send: (req) => sendOne(net, req, ctx, resolve),
    all: (clients) => net.scheduler.all(clients),
    sleep: (ms) => net.scheduler.sleep(ms, ctx.signal),
    now: () => net.clock.now(),
  }
}

/** One request inside a scheduler thread. */
async function sendOne(net: MeshNetwork, req: HttpRequest, ctx: TransportContext, resolve: Resolve = (r) => resolveForRequest(r, ctx)): Promise<HttpResult> {
  const started = net.clock.now()
  const resolved = resolve(req)
  if ('kind' in resolved) return resolved
  const ip = resolved.addresses[0]!
  const wire = wireRequest(net, req, ip, ctx)
  // A port-forward tunnel enters the pod's network namespace: the app sees a localhost client.
  const origin: Origin = wire.dstIp !== ip ? { kind: 'host', ip: '127.0.0.1' } : originOf(net, ctx)
  const trace = [...resolved.trace, `  Trying ${ip}:${req.port}...`]
  const recorder = net.startTrace(origin, wire)
  if (recorder) wire.trace = recorder
  const run = async () => { const r = await net.send(origin, wire); net.finishTrace(recorder, r); return r }
  const limit = req.maxTimeMs
  const settled = limit ? await net.scheduler.within(limit, run) : { ok: true as const, value: await run() }
  if (!settled) return timeoutFailure(req, 'transfer', trace, ip)
  if (!settled.ok) throw settled.error
  return toCurl(req, settled.value, ip, origin, trace, (net.clock.now() - started) / 1000)
}

function originOf(net: MeshNetwork, ctx: TransportContext): Origin {
  if (ctx.source.kind === 'host') return { kind: 'host', ip: HOST_ADDRESS }
  const pod = podAt(net.store, ctx.source.podIp) ?? net.store.list({ kind: 'Pod', namespace: ctx.source.namespace }).find((p) => p.metadata.name === (ctx.source as { podName: string }).podName)
  return pod ? { kind: 'pod', pod, ip: ctx.source.podIp } : { kind: 'host', ip: ctx.source.podIp }
}

/** localhost:<port> on the learner's machine reaches a pod through a running `kubectl port-forward`. */
function wireRequest(net: MeshNetwork, req: HttpRequest, ip: string, ctx: TransportContext): MeshRequest {
  let dstIp = ip
  let dstPort = req.port
  if (ctx.source.kind === 'host' && ip.startsWith('127.')) {
    const fwd = activePortForwards(net.store).get(req.port)
    const pod = fwd && net.store.list({ kind: 'Pod', namespace: fwd.namespace }).find((p) => p.metadata.name === fwd.pod)
    const podIp = (pod?.status as { podIP?: string } | undefined)?.podIP
    if (fwd && podIp) { dstIp = podIp; dstPort = fwd.remotePort }
  }
  const headers = req.headers.map(([n, v]) => [n.toLowerCase(), v] as [string, string])
  const defaultPort = req.scheme === 'https' ? 443 : 80
  const authority = headers.find(([n]) => n === 'host')?.[1] ?? (req.port === defaultPort ? req.host : `${req.host}:${req.port}`)
  return {
    method: req.method, scheme: req.scheme, authority, path: req.path,
    headers: headers.some(([n]) => n === 'host') ? headers : [['host', authority], ...headers],
    body: req.body ?? '', dstIp, dstPort, ...(req.scheme === 'https' ? { sni: req.host } : {}),
  }
}

function toCurl(req: HttpRequest, r: MeshResult, ip: string, origin: Origin, trace: string[], total: number): HttpResult {
  const connect = Math.min(total, 0.0005)
  if (r.kind === 'failure') {
    const lines = r.curlExitCode === 7
      ? [...trace, `connect to ${ip} port ${req.port} from ${origin.ip} port ${ephemeralPort(req.host + ip)} failed: Connection refused`, r.message]
      : [...trace, `Connected to ${req.host} (${ip}) port ${req.port}`, r.message]
    return { kind: 'error', curlExitCode: r.curlExitCode, message: r.message, remoteIp: ip, timings: { namelookup: 0, connect: r.curlExitCode === 7 ? 0 : connect, starttransfer: 0, total }, trace: lines }
  }
  return {
    // HTTP/2 (curl's choice over TLS) carries header names in lower case.
    kind: 'response', httpVersion: r.httpVersion ?? (req.scheme === 'https' ? '2' : '1.1'), status: r.status, statusText: r.statusText ?? reasonPhrase(r.status),
    headers: req.scheme === 'https' ? r.headers.map(([n, v]) => [n.toLowerCase(), v]) : r.headers, body: r.body,
    remoteIp: ip, remotePort: req.port,
    timings: { namelookup: 0, connect, starttransfer: total, total },
    trace: [...trace, `Connected to ${req.host} (${ip}) port ${req.port}`],
  }
}
