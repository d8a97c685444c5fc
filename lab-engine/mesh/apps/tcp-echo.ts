// Istio's tcp-echo sample (istio/tcp-echo-server; samples/tcp-echo/src/main.go): a raw TCP server that prefixes each line.
//
// `tcp-echo 9000,9001,9002 one` listens on the three ports and answers every
// newline-terminated line with `one <line>` (Istio's TCP traffic-shifting task
// reads "one ..." or "two ..." to see which version answered). A last line
// without a newline is dropped (ReadBytes hits EOF first). It logs each
// request and response line. An HTTP client gets its own request lines echoed
// back, which is not HTTP.

import { containerArgv, tcpEchoArgs } from './container'
import type { ServiceTimeProfile } from './service-time'
import { drawServiceTime } from './service-time'
import type { AppContext, AppModel, AppRequest, AppResponse, TcpReply } from './types'

/** Most bytes of one connection's input the model echoes (the rest is ignored). */
export const MAX_TCP_ECHO_BYTES = 64 * 1024
const PROFILE: ServiceTimeProfile = { baseMs: 0.05, jitterMs: 0.05 }

function prefixFor(ctx: AppContext): string {
  const argv = containerArgv({ image: 'istio/tcp-echo-server', command: ctx.pod.command, args: ctx.pod.args }) ?? []
  return tcpEchoArgs(argv)?.prefix ?? 'hello'
}

/** handleConnection: one reply per complete line. */
export function echoLines(input: string, prefix: string, log?: (line: string) => void): string {
  const data = input.slice(0, MAX_TCP_ECHO_BYTES)
  let out = ''
  for (const m of data.matchAll(/[^\n]*\n/g)) {
    const reply = `${prefix} ${m[0]}`
    log?.(`request: ${m[0].slice(0, -1)}`)
    log?.(`response: ${reply.slice(0, -1)}`)
    out += reply
  }
  return out
}

async function tcp(input: string, _port: number, ctx: AppContext): Promise<TcpReply> {
  const output = echoLines(input, prefixFor(ctx), (l) => ctx.appendLog(l))
  return { output, serviceTimeMs: drawServiceTime(PROFILE, ctx.rng) }
}

/** An HTTP request is just bytes to this server: its lines come back prefixed, which curl refuses. */
async function handle(req: AppRequest, ctx: AppContext): Promise<AppResponse> {
  const head = [`${req.method} ${req.path} HTTP/1.1`, ...req.headers.map(([k, v]) => `${k}: ${v}`), ''].join('\r\n') + '\r\n'
  const { output, serviceTimeMs } = await tcp(head + req.body, req.port ?? 9000, ctx)
  return { status: 0, headers: [], body: output, serviceTimeMs, abort: 'not-http' }
}

export const tcpEchoApp: AppModel = {
  name: 'tcp-echo',
  ports: [9000],
  listensOn: (port) => port === 9000,
  handle,
  tcp,
}
