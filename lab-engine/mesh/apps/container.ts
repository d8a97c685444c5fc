// The process a container really runs: the image's ENTRYPOINT/CMD as the pod's command/args override them, and the ports it binds.
//
// Kubernetes "Define a Command and Arguments for a Container": `command`
// replaces the image ENTRYPOINT (and drops its CMD), `args` replaces CMD.
// So `command: ["gunicorn", "--access-logfile", "-", "-b", "0.0.0.0:80", "httpbin:app"]`
// (Istio's mirroring task) still serves httpbin, now with access logs, while
// `command: ["sleep", "3650d"]` on the same image serves nothing, and
// `fortio load ...` is a client, not the echo server.

import { imageRepository } from '../../cluster/log-seeds'

/** The pod spec's view of one container. */
export interface ContainerCommand {
  image: string
  command?: readonly string[]
  args?: readonly string[]
  env?: Readonly<Record<string, string>>
  /** A file in the container's filesystem as its volumes provide it (ConfigMap-mounted nginx.conf), when the caller can read one. */
  readFile?: (path: string) => string | undefined
  /** What the volumes put directly in a directory (nginx's `include conf.d/*.conf`), when the caller can list it. */
  listDir?: (dir: string) => { names: string[]; replacesImage: boolean }
}

/** Most argv words we look at (a pathological pod spec cannot make parsing slow). */
export const MAX_ARGV_WORDS = 256

interface ImageProcess {
  match: RegExp
  entrypoint: string[]
  cmd: string[]
  /** A server that takes its port from this environment variable (and nothing else). */
  portEnv?: { name: string; fallback: number }
}

/** ENTRYPOINT and CMD of the images whose listening ports depend on their command line. */
const IMAGE_PROCESSES: readonly ImageProcess[] = [
  { match: /^kennethreitz\/httpbin$/, entrypoint: [], cmd: ['gunicorn', '-b', '0.0.0.0:80', 'httpbin:app', '-k', 'gevent'] },
  { match: /^kong\/httpbin$/, entrypoint: [], cmd: ['pipenv', 'run', 'gunicorn', '-b', '0.0.0.0:80', 'httpbin:app', '-k', 'gevent'] },
  { match: /^citizenstig\/httpbin$/, entrypoint: [], cmd: ['gunicorn', '-b', '0.0.0.0:8000', 'httpbin:app'] },
  { match: /(^|\/)httpbin$/, entrypoint: [], cmd: ['gunicorn', '-b', '0.0.0.0:80', 'httpbin:app', '-k', 'gevent'] },
  { match: /examples-helloworld/, entrypoint: [], cmd: ['gunicorn', '-b', '[::]:5000', 'app:app', '-k', 'gevent'] },
  { match: /(^|\/)go-httpbin$/, entrypoint: [], cmd: ['/bin/go-httpbin'] },
  { match: /^fortio\/fortio$/, entrypoint: ['/usr/bin/fortio'], cmd: ['server', '-config-dir', '/etc/fortio'] },
  { match: /(^|\/)tcp-echo-server$/, entrypoint: ['/bin/tcp-echo'], cmd: ['9000', 'hello'] },
  { match: /^hashicorp\/http-echo$/, entrypoint: ['/http-echo'], cmd: [] },
  { match: /google-samples\/(.*\/)?hello-app$/, entrypoint: [], cmd: ['./hello-app'], portEnv: { name: 'PORT', fallback: 8080 } },
  { match: /(^|\/)echo-server$/, entrypoint: ['/bin/echo-server'], cmd: [], portEnv: { name: 'PORT', fallback: 8080 } },
]

function processFor(image: string): ImageProcess | undefined {
  const repo = imageRepository(image)
  return IMAGE_PROCESSES.find((p) => p.match.test(repo))
}

/** The argv the container runs, or undefined when the image's defaults are not known here. */
export function containerArgv(c: ContainerCommand): string[] | undefined {
  const p = processFor(c.image)
  if (c.command?.length) return [...c.command, ...(c.args ?? [])].slice(0, MAX_ARGV_WORDS)
  if (!p) return c.args?.length ? [...c.args].slice(0, MAX_ARGV_WORDS) : undefined
  return [...p.entrypoint, ...(c.args?.length ? c.args : p.cmd)].slice(0, MAX_ARGV_WORDS)
}

const basename = (s: string) => s.slice(s.lastIndexOf('/') + 1)

/** Values of a flag given as `-f v`, `--flag v`, `-flag=v` or `--flag=v` (Go flag and Python argparse styles). */
export function flagValues(argv: readonly string[], names: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    for (const n of names) {
      if (word === n && i + 1 < argv.length) out.push(argv[i + 1]!)
      else if (word.startsWith(`${n}=`)) out.push(word.slice(n.length + 1))
    }
  }
  return out
}

/** The port of a bind address: `0.0.0.0:80`, `[::]:5000`, `:8080`, `8080`; undefined for unix sockets or junk. */
export function bindPort(addr: string, defaultPort?: number): number | undefined {
  if (addr.startsWith('unix:') || addr.startsWith('fd://')) return undefined
  const m = /:(\d+)$/.exec(addr) ?? /^(\d+)$/.exec(addr)
  const port = m ? Number(m[1]) : defaultPort
  return port !== undefined && port > 0 && port < 65536 ? port : undefined
}

/** gunicorn: every -b/--bind address (default 127.0.0.1:8000 when none); nothing unless gunicorn runs. */
function gunicornPorts(argv: readonly string[]): number[] | undefined {
  if (!argv.some((w) => basename(w) === 'gunicorn')) return undefined
  const binds = flagValues(argv, ['-b', '--bind'])
  // gunicorn's default bind is 127.0.0.1:8000: loopback only, unreachable from other pods.
  if (binds.length === 0) return []
  return binds.flatMap((b) => bindPort(b, 8000) ?? [])
}

/** go-httpbin: -port flag, else $PORT, else 8080. */
function goHttpbinPorts(argv: readonly string[], env: Readonly<Record<string, string>>): number[] | undefined {
  if (!argv.some((w) => basename(w) === 'go-httpbin')) return undefined
  const flag = flagValues(argv, ['-port', '--port']).at(-1) ?? env.PORT
  return [bindPort(flag ?? '8080') ?? 8080]
}

export interface FortioPorts { http?: number; grpc?: number; redirect?: number }

/** fortio server: -http-port (8080), -grpc-port (8079), -redirect-port (8081); "disabled" turns one off. Undefined when not `fortio server`. */
export function fortioServerPorts(argv: readonly string[]): FortioPorts | undefined {
  const i = argv.findIndex((w) => basename(w) === 'fortio')
  if (i < 0 || argv[i + 1] !== 'server') return undefined
  const rest = argv.slice(i + 2)
  const port = (names: string[], dflt: string) => {
    const v = flagValues(rest, names).at(-1) ?? dflt
    return v === 'disabled' ? undefined : bindPort(v)
  }
  return { http: port(['-http-port', '--http-port'], '8080'), grpc: port(['-grpc-port', '--grpc-port'], '8079'), redirect: port(['-redirect-port', '--redirect-port'], '8081') }
}

function fortioPorts(argv: readonly string[]): number[] | undefined {
  const p = fortioServerPorts(argv)
  return p && [p.http, p.grpc, p.redirect].filter((x): x is number => x !== undefined)
}

/** hashicorp/http-echo's flags: `-text=hello` or `-text hello`, `-listen=:5678` (its default). */
export function httpEchoFlags(argv: readonly string[]): { text: string; port: number } {
  const text = flagValues(argv, ['-text', '--text']).at(-1) ?? ''
  const port = bindPort(flagValues(argv, ['-listen', '--listen']).at(-1) ?? ':5678') ?? 5678
  return { text, port }
}

function httpEchoPorts(argv: readonly string[]): number[] | undefined {
  return argv.some((w) => basename(w) === 'http-echo') ? [httpEchoFlags(argv).port] : undefined
}

/** Istio's tcp-echo: `tcp-echo <port,port,...> <prefix>`; undefined when another program runs. */
export function tcpEchoArgs(argv: readonly string[]): { ports: number[]; prefix: string } | undefined {
  const i = argv.findIndex((w) => basename(w) === 'tcp-echo')
  if (i < 0 || argv[i + 2] === undefined) return i < 0 ? undefined : { ports: [], prefix: '' }
  const ports = argv[i + 1]!.split(',').map((p) => bindPort(p)).filter((p): p is number => p !== undefined)
  return { ports, prefix: argv[i + 2]! }
}

/**
 * The ports the container's process binds, when its command line decides
 * them; undefined means "the image's usual ports" (images not listed above,
 * or no override). An empty list means the process serves nothing.
 */
export function listeningPorts(c: ContainerCommand): number[] | undefined {
  const argv = containerArgv(c)
  const p = processFor(c.image)
  if (!argv || !p) return undefined
  const env = c.env ?? {}
  if (p.portEnv) return c.command?.length ? [] : [bindPort(env[p.portEnv.name] ?? '') ?? p.portEnv.fallback]
  const found = gunicornPorts(argv) ?? goHttpbinPorts(argv, env) ?? fortioPorts(argv) ?? tcpEchoArgs(argv)?.ports ?? httpEchoPorts(argv)
  return found ?? []
}

/** gunicorn's `--access-logfile -`: access lines to stdout. */
export function gunicornAccessLogToStdout(argv: readonly string[]): boolean {
  return flagValues(argv, ['--access-logfile']).includes('-')
}
