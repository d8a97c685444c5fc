import { describe, expect, it } from 'vitest'
import { DriverError } from '../cluster-driver'
import { curlProbeArgv, parseCurlProbe, parseHeaders, PROBE_MARKER, splitResponse } from './curl-probe'

/** curl 8.x `%{json}` as it prints it: every key, times in seconds. */
function writeOut(o: { code: number; exit?: number; error?: string; total?: number; header?: number; download?: number }): string {
  return JSON.stringify({
    certs: '', conn_id: 0, content_type: o.code ? 'application/json' : null, errormsg: o.error ?? null, exitcode: o.exit ?? 0,
    filename_effective: null, ftp_entry_path: null, http_code: o.code, http_connect: 0, http_version: o.code ? '1.1' : '0',
    local_ip: '10.244.0.17', local_port: 51462, method: 'GET', num_certs: 0, num_connects: o.code ? 1 : 0, num_headers: 8,
    num_redirects: 0, num_retries: 0, proxy_ssl_verify_result: 0, proxy_used: 0, redirect_url: null, referer: null,
    remote_ip: '10.96.141.20', remote_port: 9080, response_code: o.code, scheme: 'http', size_delivered: o.download ?? 0,
    size_download: o.download ?? 0, size_header: o.header ?? 0, size_request: 80, size_upload: 0, speed_download: 3891,
    speed_upload: 0, ssl_verify_result: 0, time_appconnect: 0, time_connect: 0.000924, time_namelookup: 0.000512,
    time_pretransfer: 0.000981, time_redirect: 0, time_starttransfer: o.total ?? 0.0061, time_total: o.total ?? 0.006204,
    url: 'http://reviews:9080/reviews/0', url_effective: 'http://reviews:9080/reviews/0', urlnum: 0, curl_version: 'libcurl/8.11.1 OpenSSL/3.3.2 zlib/1.3.1 brotli/1.1.0 zstd/1.5.6 c-ares/1.34.3 libidn2/2.3.7 libpsl/0.21.5 libssh2/1.11.1 nghttp2/1.64.0',
  })
}

const REVIEWS_HEADERS = [
  'HTTP/1.1 200 OK',
  'x-powered-by: Servlet/3.1',
  'content-type: application/json',
  'date: Tue, 24 Nov 2026 23:50:01 GMT',
  'content-language: en-US',
  'content-length: 139',
  'x-envoy-upstream-service-time: 6',
  'server: envoy',
  '',
  '',
].join('\r\n')
const REVIEWS_BODY = '{"id": "0","podname": "reviews-v2-5b667bcbf8-7pllg","clustername": "null","reviews": [{  "reviewer": "Reviewer1",  "text": "An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!"}]}'

const ok = (stdout: string, exitCode = 0) => ({ stdout, stderr: '', exitCode, timedOut: false })

describe('curlProbeArgv', () => {
  it('a GET: headers to stdout, the fixed JSON write-out, a max time, then the URL after --', () => {
    expect(curlProbeArgv({ url: 'http://productpage:9080/productpage', timeoutMs: 5000 })).toEqual([
      'curl', '-sS', '-D', '-', '-w', `\\n${PROBE_MARKER}%{json}`, '--max-time', '5.000', '-k', '--', 'http://productpage:9080/productpage',
    ])
  })

  it('a POST with headers and a body read from stdin', () => {
    const argv = curlProbeArgv({ url: 'http://httpbin:8000/post', method: 'post', headers: { 'Content-Type': 'application/json', 'x-user': 'jason' }, body: '{"a":1}' })
    expect(argv.slice(6)).toEqual(['--max-time', '30.000', '-X', 'POST', '-k', '-H', 'Content-Type: application/json', '-H', 'x-user: jason', '--data-binary', '@-', '--', 'http://httpbin:8000/post'])
  })

  it('HEAD uses --head (curl -X HEAD would wait for a body that never comes)', () => {
    expect(curlProbeArgv({ url: 'http://a/', method: 'HEAD' })).toContain('--head')
    expect(curlProbeArgv({ url: 'http://a/', method: 'HEAD' })).not.toContain('-X')
  })

  it('a URL starting with a dash stays a URL', () => {
    expect(curlProbeArgv({ url: '-K/etc/passwd' }).slice(-2)).toEqual(['--', '-K/etc/passwd'])
  })
})

describe('parseCurlProbe', () => {
  it('a 200: status, lower-cased headers, the exact body, elapsed ms from time_total', () => {
    const stdout = REVIEWS_HEADERS + REVIEWS_BODY + `\n${PROBE_MARKER}` + writeOut({ code: 200, header: Buffer.byteLength(REVIEWS_HEADERS), download: REVIEWS_BODY.length })
    const r = parseCurlProbe(ok(stdout), 'default/sleep-7656cf8794-9bzl2')
    expect(r.status).toBe(200)
    expect(r.curlExit).toBe(0)
    expect(r.elapsedMs).toBe(6.204)
    expect(r.headers['content-type']).toBe('application/json')
    expect(r.headers['x-envoy-upstream-service-time']).toBe('6')
    expect(r.body).toBe(REVIEWS_BODY)
  })

  it('a body that itself ends without a newline, or contains blank lines, is kept byte for byte', () => {
    const body = 'line one\r\n\r\nline three'
    const h = 'HTTP/1.1 503 Service Unavailable\r\ncontent-length: 23\r\ncontent-type: text/plain\r\nserver: envoy\r\n\r\n'
    const r = parseCurlProbe(ok(h + body + `\n${PROBE_MARKER}` + writeOut({ code: 503, header: h.length })), 'x')
    expect([r.status, r.body]).toEqual([503, body])
  })

  it('connection refused: status 0 (curl prints 000), curl exit 7 from the write-out, empty body', () => {
    const error = "Failed to connect to reviews port 9080 after 3 ms: Couldn't connect to server"
    const r = parseCurlProbe(
      { stdout: `\n${PROBE_MARKER}` + writeOut({ code: 0, exit: 7, error, total: 0.003 }), stderr: `curl: (7) ${error}\ncommand terminated with exit code 7\n`, exitCode: 7, timedOut: false },
      'x',
    )
    expect(r).toEqual({ status: 0, headers: {}, body: '', elapsedMs: 3, curlExit: 7 })
  })

  it.each([
    [6, 'Could not resolve host: no-such-service'],
    [28, 'Operation timed out after 2001 milliseconds with 0 bytes received'],
    [35, 'OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number'],
    [52, 'Empty reply from server'],
    [56, 'Recv failure: Connection reset by peer'],
  ])('curl exit %d is reported as curlExit with status 0', (exit, error) => {
    const r = parseCurlProbe({ stdout: `\n${PROBE_MARKER}` + writeOut({ code: 0, exit, error }), stderr: `curl: (${exit}) ${error}\n`, exitCode: exit, timedOut: false }, 'x')
    expect([r.status, r.curlExit]).toEqual([0, exit])
  })

  it('a body containing the marker text: the last marker is the write-out', () => {
    const h = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\n'
    const body = `echo ${PROBE_MARKER}{"http_code":999}`
    const r = parseCurlProbe(ok(h + body + `\n${PROBE_MARKER}` + writeOut({ code: 200, header: h.length })), 'x')
    expect([r.status, r.body]).toEqual([200, body])
  })

  it('kubectl failing before curl ran is a DriverError quoting kubectl', () => {
    const stderr = 'Error from server (NotFound): pods "mesh-dojo-grader-default" not found\n'
    expect(() => parseCurlProbe({ stdout: '', stderr, exitCode: 1, timedOut: false }, 'default')).toThrow(/did not run curl \(exit 1\): Error from server \(NotFound\)/)
    const t = (() => {
      try {
        parseCurlProbe({ stdout: '', stderr: '', exitCode: 124, timedOut: true }, 'default')
      } catch (e) {
        return e as DriverError
      }
    })()
    expect(t?.code).toBe('timeout')
  })

  it('a curl without %{json} (older than 7.70) is named as the cause', () => {
    expect(() => parseCurlProbe(ok(`\n${PROBE_MARKER}%{json}`), 'x')).toThrow(/not JSON \(curl older than 7\.70\?\)/)
  })
})

describe('headers', () => {
  it('after 100 Continue, the final block counts; repeated fields are joined', () => {
    const text = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nLocation: /x\r\n\r\n'
    expect(parseHeaders(text)).toEqual({ 'set-cookie': 'a=1, b=2', location: '/x' })
  })

  it('size_header splits on bytes, so a multi-byte body is not shifted', () => {
    const h = 'HTTP/1.1 200 OK\r\nx-name: caf\u00e9\r\n\r\n'
    const { headerText, body } = splitResponse(h + '✔ ok', Buffer.byteLength(h))
    expect([headerText, body]).toEqual([h, '✔ ok'])
  })

  it('without size_header, the first blank line ends the headers', () => {
    expect(splitResponse('HTTP/1.1 204 No Content\r\nserver: envoy\r\n\r\nrest', undefined)).toEqual({ headerText: 'HTTP/1.1 204 No Content\r\nserver: envoy', body: 'rest' })
  })
})

describe('curl probe TLS options', () => {
  it('verifies certificates when asked and pins names with --resolve', () => {
    const argv = curlProbeArgv({ url: 'https://httpbin.example.com/status/418', insecure: false, resolve: ['httpbin.example.com:443:172.18.255.200'] })
    expect(argv).not.toContain('-k')
    expect(argv.slice(argv.indexOf('--resolve'), argv.indexOf('--resolve') + 2)).toEqual(['--resolve', 'httpbin.example.com:443:172.18.255.200'])
  })
})
