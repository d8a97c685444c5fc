// HTTP probes on the sim: the grader's structured request, sent through the same transport curl uses.
//
// DESIGN.md "Drivers": the sim answers probeHttp from the data plane directly,
// so a check reads status, headers and body as values, never curl's text. The
// request starts where curl would: in a pod (its DNS view, its sidecar), or on
// the learner's terminal outside the cluster.
import type { ObjectStore } from '../../cluster/store'
import { resolveFromHost } from '../../pod-shell/host-curl'
import { httpTransportFor } from '../../pod-shell/network'
import type { HttpRequest, HttpResult } from '../../pod-shell/curl/transport'
import { podEndpoint } from '../../pod-shell/pod-shell'
import type { ShellClock } from '../../shell'
import { DEFAULT_PROBE_TIMEOUT_MS, DriverError, type HttpProbe, type HttpProbeResult } from '../cluster-driver'
import type { PodTarget } from './pod-target'

/** Body bytes a probe keeps; a check never needs more, and a huge body must not pin memory. */
export const MAX_PROBE_BODY_CHARS = 1024 * 1024

export async function sendProbe(store: ObjectStore, clock: ShellClock, from: PodTarget | 'outside', probe: HttpProbe, signal: AbortSignal): Promise<HttpProbeResult> {
  const req = probeRequest(probe)
  const { source, resolve } = from === 'outside' ? { source: { kind: 'host' } as const, resolve: resolveFromHost } : podEndpoint({ store, pod: from.pod, container: from.container, clock })
  const start = clock.now()
  const result = await httpTransportFor(store).send(req, { source, resolve, clock, signal })
  return probeResult(result, clock.now() - start)
}

function probeRequest(probe: HttpProbe): HttpRequest {
  let url: URL
  try {
    url = new URL(probe.url)
  } catch {
    throw new DriverError('invalid', `probe URL "${probe.url}" is not an absolute URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DriverError('invalid', `probe URL scheme ${url.protocol} is not http or https`)
  const scheme = url.protocol === 'https:' ? 'https' : 'http'
  const headers = Object.entries(probe.headers ?? {}).map(([k, v]): [string, string] => [k, v])
  if (!headers.some(([k]) => k.toLowerCase() === 'host')) headers.unshift(['Host', url.host])
  return {
    method: (probe.method ?? (probe.body === undefined ? 'GET' : 'POST')).toUpperCase(),
    scheme,
    host: url.hostname,
    port: url.port ? Number(url.port) : scheme === 'https' ? 443 : 80,
    path: (url.pathname || '/') + url.search,
    headers,
    body: probe.body,
    resolve: (probe.resolve ?? []).map(resolvePin),
    maxTimeMs: probe.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
    insecure: probe.insecure ?? true,
  }
}

/** `host:port:address`, as curl's --resolve takes it. */
function resolvePin(pin: string): { host: string; port: number; address: string } {
  const m = /^([^:]+):(\d+):(.+)$/.exec(pin)
  if (!m) throw new DriverError('invalid', `--resolve entry "${pin}" is not host:port:address`)
  return { host: m[1]!, port: Number(m[2]), address: m[3]! }
}

function probeResult(result: HttpResult, elapsedMs: number): HttpProbeResult {
  if (result.kind === 'error') return { status: 0, headers: {}, body: '', elapsedMs, curlExit: result.curlExitCode }
  const headers: Record<string, string> = {}
  for (const [k, v] of result.headers) {
    const name = k.toLowerCase()
    headers[name] = name in headers ? `${headers[name]}, ${v}` : v
  }
  return { status: result.status, headers, body: result.body.slice(0, MAX_PROBE_BODY_CHARS), elapsedMs, curlExit: 0 }
}
