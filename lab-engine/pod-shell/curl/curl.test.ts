import { describe, expect, it } from 'vitest'
import { CommandRegistry } from '../../shell/registry'
import { runCaptured } from '../../shell/test-support'
import { createShell, manualClock, registerCoreutils } from '../../shell'
import { createCurlCommand, CURL_VERSION, type CurlEnv } from './curl'
import { refusingTransport, timeoutFailure, type HttpRequest, type HttpResult, type HttpTransport } from './transport'
import { max5 } from './progress'
import { createWgetCommand } from './wget'

const ZERO = { namelookup: 0.001, connect: 0.002, starttransfer: 0.01, total: 0.0125 }

/** A transport that answers from a table by path and records every request. */
function fakeTransport(routes: Record<string, { status: number; headers?: [string, string][]; body?: string }>): HttpTransport & { seen: HttpRequest[] } {
  const seen: HttpRequest[] = []
  return {
    seen,
    async send(req, ctx) {
      seen.push(req)
      if (!ctx.resolve(req.host)) return { kind: 'error', curlExitCode: 6, message: `Could not resolve host: ${req.host}`, timings: ZERO, trace: [] }
      const r = routes[req.path]
      if (!r) return { kind: 'error', curlExitCode: 7, message: `Failed to connect to ${req.host} port ${req.port} after 0 ms: Couldn't connect to server`, timings: ZERO, trace: [] }
      const result: HttpResult = {
        kind: 'response', httpVersion: '1.1', status: r.status, statusText: r.status === 200 ? 'OK' : r.status === 404 ? 'Not Found' : 'Found',
        headers: r.headers ?? [['content-type', 'text/plain']], body: r.body ?? '', remoteIp: '10.96.0.20', remotePort: req.port, timings: ZERO,
        trace: [`Connected to ${req.host} (10.96.0.20) port ${req.port}`],
      }
      return result
    },
  }
}

function shellWith(transport: HttpTransport, names: Record<string, string> = { web: '10.96.0.20' }, stdoutIsTerminal = true) {
  const net: CurlEnv = { transport: () => transport, source: { kind: 'host' }, resolve: (n) => (names[n] ? [names[n]!] : undefined), stdoutIsTerminal }
  const registry = registerCoreutils(new CommandRegistry())
  registry.registerCommand(createCurlCommand(net))
  registry.registerCommand(createWgetCommand(net))
  return createShell({ clock: manualClock(Date.UTC(2026, 0, 1)), registry })
}

describe('curl over the refusing default transport', () => {
  const shell = () => shellWith(refusingTransport)

  it('reports an unknown host with exit 6', async () => {
    const r = await runCaptured(shell(), 'curl http://nope/')
    expect(r).toEqual({ stdout: '', stderr: 'curl: (6) Could not resolve host: nope\n', code: 6 })
  })

  it('reports a refused connection with exit 7 and -w still prints 000', async () => {
    const r = await runCaptured(shell(), "curl -s -o /dev/null -w '%{http_code}\\n' web:8080")
    expect(r).toEqual({ stdout: '000\n', stderr: '', code: 7 })
  })

  it('-s hides errors, -sS shows them again', async () => {
    expect((await runCaptured(shell(), 'curl -s nope')).stderr).toBe('')
    expect((await runCaptured(shell(), 'curl -sS nope')).stderr).toBe('curl: (6) Could not resolve host: nope\n')
  })

  it('-v shows resolution and the connection attempt', async () => {
    const r = await runCaptured(shell(), 'curl -v web')
    expect(r.stderr).toContain('* Host web:80 was resolved.\n* IPv6: (none)\n* IPv4: 10.96.0.20\n*   Trying 10.96.0.20:80...\n')
    expect(r.stderr).toMatch(/\n\* connect to 10\.96\.0\.20 port 80 from 172\.18\.0\.1 port \d{5} failed: Connection refused\n/)
    expect(r.stderr).toMatch(/\* Closing connection\ncurl: \(7\) Failed to connect to web port 80 after 0 ms: Couldn't connect to server\n$/)
  })

  it('--resolve pins a name to an address', async () => {
    const r = await runCaptured(shell(), 'curl -v --resolve foo.example:80:172.18.255.200 http://foo.example/')
    expect(r.stderr).toContain('*   Trying 172.18.255.200:80...')
    expect(r.code).toBe(7)
  })
})

describe('curl command line', () => {
  it('rejects unknown options and missing values with exit 2', async () => {
    const shell = shellWith(refusingTransport)
    expect(await runCaptured(shell, 'curl --bogus web')).toEqual({ stdout: '', stderr: "curl: option --bogus: is unknown\ncurl: try 'curl --help' for more information\n", code: 2 })
    expect(await runCaptured(shell, 'curl web -o')).toEqual({ stdout: '', stderr: "curl: option -o: requires parameter\ncurl: try 'curl --help' for more information\n", code: 2 })
    expect((await runCaptured(shell, 'curl')).code).toBe(2)
    expect(await runCaptured(shell, 'curl ftp://web/')).toEqual({ stdout: '', stderr: 'curl: (1) Protocol "ftp" not supported\n', code: 1 })
    expect((await runCaptured(shell, 'curl http://web:99999/')).stderr).toBe('curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n')
  })

  it('sends method, headers, body and basic auth as given', async () => {
    const t = fakeTransport({ '/post?x=1': { status: 200, body: 'ok' } })
    const r = await runCaptured(shellWith(t), `curl -sS -X PUT -u user:pw -H 'X-Test: yes' -H 'Accept:' -d a=1 -d b=2 'http://web:8000/post?x=1#frag'`)
    expect(r).toEqual({ stdout: 'ok', stderr: '', code: 0 })
    const req = t.seen[0]!
    expect(req).toMatchObject({ method: 'PUT', host: 'web', port: 8000, path: '/post?x=1', body: 'a=1&b=2' })
    expect(req.headers).toEqual([
      ['Host', 'web:8000'], ['Authorization', `Basic ${btoa('user:pw')}`], ['User-Agent', `curl/${CURL_VERSION}`],
      ['Content-Length', '7'], ['Content-Type', 'application/x-www-form-urlencoded'], ['X-Test', 'yes'],
    ])
  })

  it('-d @file reads the file without newlines, --data-binary keeps them, --data-raw sends the @ as is', async () => {
    const t = fakeTransport({ '/': { status: 200 } })
    const shell = shellWith(t)
    await runCaptured(shell, "printf 'a=1\\nb=2\\n' > body.txt")
    await runCaptured(shell, 'curl -s -d @body.txt web; curl -s --data-binary @body.txt web; curl -s --data-raw @body.txt web')
    expect(t.seen.map((r) => r.body)).toEqual(['a=1b=2', 'a=1\nb=2\n', '@body.txt'])
    expect((await runCaptured(shell, 'curl -d @nope.txt web')).stderr).toBe('Warning: Couldn\'t read data from file "nope.txt", this makes an empty POST.\n')
  })

  it('--data-urlencode encodes the content (not the name); -G moves the data into the query of a GET', async () => {
    const q = 'sum(istio_requests_total{app="x"})'
    const t = fakeTransport({ '/api/v1/query?query=sum%28istio_requests_total%7Bapp%3D%22x%22%7D%29&time=1': { status: 200, body: 'ok' }, '/post': { status: 200 } })
    const shell = shellWith(t)
    const r = await runCaptured(shell, `curl -sS -G --data-urlencode 'query=${q}' -d time=1 http://web:9090/api/v1/query`)
    expect(t.seen[0]?.path).toBe('/api/v1/query?query=sum%28istio_requests_total%7Bapp%3D%22x%22%7D%29&time=1')
    expect(r).toEqual({ stdout: 'ok', stderr: '', code: 0 })
    expect(t.seen[0]).toMatchObject({ method: 'GET', body: undefined })
    await runCaptured(shell, "printf 'a b&c' > v.txt; curl -s --data-urlencode 'hello world' --data-urlencode '=x y' --data-urlencode f@v.txt http://web/post")
    expect(t.seen[1]).toMatchObject({ method: 'POST', body: 'hello%20world&x%20y&f=a%20b%26c' })
  })

  it('-I sends HEAD and prints the status line and headers with CRLF', async () => {
    const t = fakeTransport({ '/': { status: 200, headers: [['server', 'envoy']], body: 'body' } })
    const r = await runCaptured(shellWith(t), 'curl -sI web')
    expect(t.seen[0]!.method).toBe('HEAD')
    expect(r.stdout).toBe('HTTP/1.1 200 OK\r\nserver: envoy\r\n\r\n')
  })

  it('-f turns 404 into exit 22 without the body; -w formats timings and headers', async () => {
    const t = fakeTransport({ '/missing': { status: 404, body: 'nope' }, '/': { status: 200, body: 'hello', headers: [['content-type', 'text/html']] } })
    expect(await runCaptured(shellWith(t), 'curl -sf web/missing')).toEqual({ stdout: '', stderr: '', code: 22 })
    expect((await runCaptured(shellWith(t), 'curl -f web/missing')).stderr).toBe('curl: (22) The requested URL returned error: 404\n')
    const w = await runCaptured(shellWith(t), `curl -s -o /dev/null -w '%{http_code} %{time_total} %{content_type} %header{content-type} %{size_download} %{url_effective}' web`)
    expect(w.stdout).toBe('200 0.012500 text/html text/html 5 http://web/')
  })

  it('-L follows redirects and counts them; -o writes the file', async () => {
    const t = fakeTransport({ '/old': { status: 302, headers: [['location', '/new']] }, '/new': { status: 200, body: 'moved' } })
    const shell = shellWith(t)
    const r = await runCaptured(shell, "curl -sL -o out.txt -w '%{num_redirects} %{url_effective}' web/old; cat out.txt")
    expect(r.stdout).toBe('1 http://web/newmoved')
    expect(await runCaptured(shell, 'curl -s -o /missing/dir/f web/new')).toEqual({ stdout: '', stderr: '', code: 23 })
    const failed = (await runCaptured(shell, 'curl -o /missing/dir/f web/new')).stderr
    expect(failed).toContain('Warning: Failed to open the file /missing/dir/f: No such file or directory\n')
    expect(failed).toMatch(/\r {2}0 {5}0 .*\ncurl: \(23\) Failure writing output to destination\n$/)
  })

  it('--retry retries transient statuses with growing waits, bounded', async () => {
    const t = fakeTransport({ '/': { status: 503 } })
    const shell = shellWith(t)
    const before = shell.clock.now()
    const r = await runCaptured(shell, 'curl --retry 3 web')
    expect(t.seen).toHaveLength(4)
    expect(shell.clock.now() - before).toBe(7000)
    expect(r.stderr).toContain('Will retry in 1 second. 3 retries left.')
  })
})

describe('curl progress meter', () => {
  const HEADER = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n'

  it('is drawn on stderr when stdout is not a terminal or with -o, and -s hides it', async () => {
    const t = fakeTransport({ '/': { status: 200, body: 'x'.repeat(612) } })
    const piped = await runCaptured(shellWith(t, undefined, false), 'curl web')
    expect(piped.stdout).toBe('x'.repeat(612))
    expect(piped.stderr).toBe(`${HEADER}\r100   612  100   612    0     0  48960      0 --:--:-- --:--:-- --:--:-- 48960\n`)
    expect((await runCaptured(shellWith(t), 'curl -o /dev/null web')).stderr).toMatch(/^ {2}% Total/)
    expect((await runCaptured(shellWith(t), 'curl web')).stderr).toBe('')
    expect((await runCaptured(shellWith(t, undefined, false), 'curl -s web')).stderr).toBe('')
  })

  it('shows zeros before a connection error', async () => {
    const r = await runCaptured(shellWith(refusingTransport, undefined, false), 'curl web')
    expect(r.stderr).toBe(`${HEADER}\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\ncurl: (7) Failed to connect to web port 80 after 0 ms: Couldn't connect to server\n`)
  })

  it('formats sizes in five characters', () => {
    expect([max5(612), max5(99999), max5(100000), max5(5 * 1024 * 1024), max5(12 * 1024 * 1024 + 300 * 1024)]).toEqual(['  612', '99999', '  97k', '5120k', '12.2M'])
  })
})

describe('wget', () => {
  it('-qO- prints the body; unknown hosts are a bad address', async () => {
    const t = fakeTransport({ '/': { status: 200, body: 'hi' } })
    expect(await runCaptured(shellWith(t), 'wget -qO- http://web/')).toEqual({ stdout: 'hi', stderr: '', code: 0 })
    expect(await runCaptured(shellWith(t), 'wget -qO- nope')).toEqual({ stdout: '', stderr: "wget: bad address 'nope'\n", code: 1 })
  })

  it('reports HTTP errors and refused connections with exit 1', async () => {
    const t = fakeTransport({ '/x': { status: 404 } })
    expect((await runCaptured(shellWith(t), 'wget -q -O - web/x')).stderr).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n')
    expect((await runCaptured(shellWith(refusingTransport), 'wget -qO- web')).stderr).toBe("wget: can't connect to remote host (10.96.0.20): Connection refused\n")
  })
})

describe('curl timeouts (exit 28) from a transport with a silent peer', () => {
  const silent = (phase: 'connect' | 'transfer'): HttpTransport => ({ async send(req) { return timeoutFailure(req, phase, []) } })

  it('--connect-timeout and --max-time give curl 8.x messages', async () => {
    expect(await runCaptured(shellWith(silent('connect')), 'curl --connect-timeout 2 web')).toEqual({ stdout: '', stderr: 'curl: (28) Connection timed out after 2002 milliseconds\n', code: 28 })
    expect(await runCaptured(shellWith(silent('transfer')), 'curl -m 1.5 web')).toEqual({ stdout: '', stderr: 'curl: (28) Operation timed out after 1502 milliseconds with 0 bytes received\n', code: 28 })
    expect(await runCaptured(shellWith(silent('connect')), 'curl --connect-timeout 5 -m 1 web')).toEqual({ stdout: '', stderr: 'curl: (28) Operation timed out after 1002 milliseconds with 0 bytes received\n', code: 28 })
  })

  it('--retry retries timeouts', async () => {
    const r = await runCaptured(shellWith(silent('connect')), 'curl -sS --retry 1 --connect-timeout 1 web')
    expect(r.code).toBe(28)
    expect(r.stderr).toBe('curl: (28) Connection timed out after 1002 milliseconds\n')
  })
})
