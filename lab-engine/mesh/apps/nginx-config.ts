// nginx's listening sockets from its configuration: which ports, and which of them speak TLS.
//
// nginx docs, ngx_http_core_module `listen`: `listen 443 ssl;`, `listen 80;`,
// `listen [::]:8080;`, `listen 127.0.0.1:8000 ssl http2;`; without any listen
// directive a server block listens on 80. The image's own nginx.conf includes
// conf.d/default.conf (port 80); Istio's "Ingress Gateway without TLS
// Termination" task replaces /etc/nginx with a ConfigMap whose server block
// says `listen 443 ssl;`.

/** Longest configuration text read (a ConfigMap is at most 1 MiB). */
export const MAX_NGINX_CONF_CHARS = 1024 * 1024

export interface NginxListen { port: number; ssl: boolean }

function stripComments(conf: string): string {
  return conf.split('\n').map((l) => l.replace(/(^|\s)#.*$/, '')).join('\n')
}

/** The text of every `server { ... }` block (brace-matched), in order. */
function serverBlocks(conf: string): string[] {
  const out: string[] = []
  const re = /\bserver\s*\{/g
  let m: RegExpExecArray | null
  while ((m = re.exec(conf))) {
    let depth = 1
    let i = m.index + m[0].length
    for (; i < conf.length && depth > 0; i++) depth += conf[i] === '{' ? 1 : conf[i] === '}' ? -1 : 0
    out.push(conf.slice(m.index + m[0].length, i - 1))
    re.lastIndex = i
  }
  return out
}

function parseListen(args: string[]): NginxListen | undefined {
  const addr = args[0]
  if (!addr || addr.startsWith('unix:')) return undefined
  const m = /:(\d+)$/.exec(addr) ?? /^(\d+)$/.exec(addr)
  // `listen 127.0.0.1;` means port 80 on that address.
  const port = m ? Number(m[1]) : 80
  return port > 0 && port < 65536 ? { port, ssl: args.slice(1).includes('ssl') } : undefined
}

/**
 * The sockets a configuration opens, or undefined when it has no server
 * block of its own (the caller then keeps the image default, port 80).
 */
export function nginxListens(conf: string): NginxListen[] | undefined {
  const blocks = serverBlocks(stripComments(conf.slice(0, MAX_NGINX_CONF_CHARS)))
  if (blocks.length === 0) return undefined
  const out = new Map<number, NginxListen>()
  for (const block of blocks) {
    const directives = [...block.matchAll(/(?:^|[;{}\s])listen\s+([^;]+);/g)].map((d) => d[1]!.trim().split(/\s+/))
    const listens = directives.length ? directives.map(parseListen) : [{ port: 80, ssl: false }]
    for (const l of listens) if (l) out.set(l.port, { port: l.port, ssl: (out.get(l.port)?.ssl ?? false) || l.ssl })
  }
  return [...out.values()]
}
