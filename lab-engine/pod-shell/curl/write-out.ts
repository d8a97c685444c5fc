// curl -w/--write-out: `%{variable}` substitution after the transfer, as in curl 8.x's tool_writeout.c.
//
// Times print as seconds with six decimals, http_code as three digits ("000"
// when no response arrived); `\n`, `\r`, `\t` are unescaped; `%header{name}`
// prints a response header. An unknown variable prints curl's warning on stderr.

import type { HttpResult } from './transport'

export interface WriteOutState {
  result: HttpResult
  urlEffective: string
  method: string
  scheme: string
  numRedirects: number
  exitCode: number
  errorMessage: string
  sizeDownload: number
}

function variables(s: WriteOutState): Record<string, string> {
  const r = s.result
  const ok = r.kind === 'response' ? r : undefined
  const t = r.timings
  const code = ok ? String(ok.status).padStart(3, '0') : '000'
  return {
    http_code: code,
    response_code: code,
    time_total: t.total.toFixed(6),
    time_namelookup: t.namelookup.toFixed(6),
    time_connect: t.connect.toFixed(6),
    time_appconnect: '0.000000',
    time_pretransfer: t.connect.toFixed(6),
    time_starttransfer: t.starttransfer.toFixed(6),
    time_redirect: '0.000000',
    size_download: String(s.sizeDownload),
    size_header: String(ok ? ok.headers.reduce((n, [k, v]) => n + k.length + v.length + 4, 0) : 0),
    remote_ip: ok?.remoteIp ?? (r.kind === 'error' ? r.remoteIp ?? '' : ''),
    remote_port: ok ? String(ok.remotePort) : '',
    url_effective: s.urlEffective,
    content_type: ok?.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '',
    num_redirects: String(s.numRedirects),
    exitcode: String(s.exitCode),
    errormsg: s.errorMessage,
    method: s.method,
    scheme: s.scheme,
    http_version: ok ? ok.httpVersion : '0',
  }
}

/** Longest -w output we produce; the format itself is bounded by the command line. */
const MAX_WRITE_OUT_CHARS = 64 * 1024

export function formatWriteOut(format: string, state: WriteOutState, warn: (line: string) => void): string {
  const vars = variables(state)
  const response = state.result.kind === 'response' ? state.result : undefined
  let out = ''
  for (let i = 0; i < format.length && out.length < MAX_WRITE_OUT_CHARS; i++) {
    const c = format[i]!
    if (c === '\\' && i + 1 < format.length) {
      const next = format[i + 1]!
      const esc: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\' }
      if (next in esc) { out += esc[next]; i++; continue }
    }
    if (c === '%' && format[i + 1] === '%') { out += '%'; i++; continue }
    if (c === '%' && format.startsWith('%header{', i)) {
      const end = format.indexOf('}', i)
      if (end > 0) {
        const name = format.slice(i + 8, end).toLowerCase()
        out += response?.headers.filter(([k]) => k.toLowerCase() === name).map(([, v]) => v).join(', ') ?? ''
        i = end
        continue
      }
    }
    if (c === '%' && format[i + 1] === '{') {
      const end = format.indexOf('}', i)
      if (end > 0) {
        const name = format.slice(i + 2, end)
        if (name in vars) out += vars[name]
        else warn(`curl: unknown --write-out variable: '${name}'`)
        i = end
        continue
      }
    }
    out += c
  }
  return out
}
