// Start-up log lines per image: what a container has printed by the time it runs. One table, first match wins.
//
// Shapes follow each program's own start-up output: nginx's docker-entrypoint,
// go-httpbin's slog lines, pilot-agent/Envoy (istio-proxy, `<RFC3339 micro>\tinfo\t...`),
// istiod (pilot-discovery), the Bookinfo services' servers. Lines are abbreviated
// to the ones a learner recognises; times come from the container's start.

import type { KubeObject } from './types'

interface SeedContext {
  pod: KubeObject
  container: string
  /** When the container started (ms since the epoch, session clock). */
  startedAt: number
}

/** Istio's zap-style timestamp: `2026-01-01T00:00:01.000123Z` (microseconds). */
const istioTime = (ms: number, i: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_m, frac: string) => `.${frac}${String(i).padStart(3, '0')}Z`)
const stamped = (ctx: SeedContext, lines: string[]) => lines.map((l, i) => `${istioTime(ctx.startedAt, i)}\t${l}`)
/** Ruby/WEBrick's `[2026-01-01 00:00:01]`. */
const webrickTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')

interface LogSeed {
  /** Matched against the image's repository path (registry and tag stripped). */
  match: RegExp
  lines(ctx: SeedContext): string[]
}

const SEEDS: readonly LogSeed[] = [
  {
    match: /(^|\/)nginx$/,
    lines: () => [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ],
  },
  {
    // The Istio sample runs mccutchen/go-httpbin (slog text lines); kennethreitz/httpbin ran gunicorn.
    match: /go-httpbin$/,
    lines: (ctx) => [`time=${new Date(ctx.startedAt).toISOString()} level=INFO msg="go-httpbin listening on http://0.0.0.0:8080"`],
  },
  {
    match: /httpbin$/,
    lines: () => [
      '[1] [INFO] Starting gunicorn 19.9.0',
      '[1] [INFO] Listening at: http://0.0.0.0:80 (1)',
      '[1] [INFO] Using worker: gevent',
      '[8] [INFO] Booting worker with pid: 8',
    ],
  },
  {
    match: /(^|\/)proxyv2$/,
    lines: (ctx) => ctx.container === 'istio-init'
      ? ['Istio iptables environment:', 'Running iptables restore with: iptables-restore and the following input:', 'Running ip6tables restore with: ip6tables-restore and the following input:']
      : stamped(ctx, [
          'info\tFIPS mode disabled',
          'info\tVersion 1.26.0-8d4f5f5c0a6e2b1e2ef0e0a5a4f7d8f8f6c7d9e1-Clean',
          'info\tApplying mesh configuration from file',
          `info\tProxy role\tips=[${(ctx.pod.status as { podIP?: string } | undefined)?.podIP ?? ''}] type=${proxyType(ctx.pod)} id=${ctx.pod.metadata.name}.${ctx.pod.metadata.namespace} domain=${ctx.pod.metadata.namespace}.svc.cluster.local`,
          'info\tPilot SAN: [istiod.istio-system.svc]',
          'info\tStarting proxy agent',
          'info\tstarting',
          'info\tEnvoy command: [-c etc/istio/proxy/envoy-rev.json --drain-time-s 45 --drain-strategy immediate --local-address-ip-version v4 --file-flush-interval-msec 1000 --disable-hot-restart --allow-unknown-static-fields -l warning --component-log-level misc:error --concurrency 2]',
          'info\txdsproxy\tconnected to delta upstream XDS server: istiod.istio-system.svc:15012',
          'info\tads\tADS: new connection for node:1',
          'info\tReadiness succeeded in 1.0s',
          'info\tEnvoy proxy is ready',
        ]),
  },
  {
    match: /(^|\/)pilot$/,
    lines: (ctx) => stamped(ctx, [
      'info\tFLAG: --domain="cluster.local"',
      'info\tFLAG: --keepaliveMaxServerConnectionAge="30m0s"',
      'info\tklog\tConfig not passed in, falling back to in-cluster config',
      'info\tstarting HTTP service at [::]:8080',
      'info\tstarting gRPC discovery service at [::]:15010',
      'info\tstarting webhook service at [::]:15017',
      'info\tcontrollers\tstarting\tcontroller=crd watcher',
      'info\tads\tAll caches have been synced up in 1.2s, marking server ready',
      'info\tstarting discovery server',
    ]),
  },
  {
    match: /examples-bookinfo-productpage/,
    lines: () => ['INFO:root:start at port 9080', ' * Serving Flask app \'productpage\'', ' * Debug mode: off'],
  },
  {
    match: /examples-bookinfo-details/,
    lines: (ctx) => ['INFO  WEBrick 1.8.1', 'INFO  ruby 3.3.0', 'INFO  WEBrick::HTTPServer#start: pid=1 port=9080'].map((l) => `[${webrickTime(ctx.startedAt)}] ${l}`),
  },
  {
    match: /examples-bookinfo-ratings/,
    lines: () => ['Server listening on: http://0.0.0.0:9080'],
  },
  {
    match: /examples-bookinfo-reviews/,
    lines: () => [
      'Launching defaultServer (Open Liberty) on Eclipse OpenJ9 VM',
      '[AUDIT   ] CWWKE0001I: The server defaultServer has been launched.',
      '[AUDIT   ] CWWKF0011I: The defaultServer server is ready to run a smarter planet.',
    ],
  },
  {
    match: /fortio$/,
    lines: () => ['Fortio 1.69.0 grpc \'ping\' server listening on tcp [::]:8079', 'Fortio 1.69.0 https redirector server listening on tcp [::]:8081', 'Fortio 1.69.0 http-echo server listening on tcp [::]:8080'],
  },
]

/** Gateways run the same proxy image as the `router` role; app pods run it as a sidecar. */
function proxyType(pod: KubeObject): string {
  const args = ((pod.spec as { containers?: { name: string; args?: string[] }[] } | undefined)?.containers ?? []).find((c) => c.name === 'istio-proxy')?.args ?? []
  return args.includes('router') ? 'router' : 'sidecar'
}

/** The repository path of an image reference: `docker.io/istio/proxyv2:1.26.0` -> `istio/proxyv2`. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0]!
  const lastSlash = noDigest.lastIndexOf('/')
  const colon = noDigest.lastIndexOf(':')
  const noTag = colon > lastSlash ? noDigest.slice(0, colon) : noDigest
  const parts = noTag.split('/')
  // A first part with a dot or a port is a registry host (docker.io, gcr.io, localhost:5000).
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) parts.shift()
  return parts.join('/')
}

/** The lines a container of this image has printed by the time it runs; none for images we do not know (e.g. sleep). */
export function startupLines(image: string, ctx: SeedContext): string[] {
  const repo = imageRepository(image)
  return SEEDS.find((s) => s.match.test(repo))?.lines(ctx) ?? []
}
