// The seam between the data plane and the apps, through real sim sessions: the container as the
// pod spec runs it (env from ConfigMaps, mounted nginx.conf), TLS the app terminates itself,
// curl's errors for answers that are not HTTP, the server's own status line, container start time.
import { afterEach, describe, expect, it } from 'vitest'
import type { KubeObject } from '../../cluster/types'
import { createSimSession, type SimSession, type StatementResult } from '../../sim/session'
import { flowToPromise } from '../../core/flow'
import { appListeningOn, proxiedAppFailure, tlsPassthroughToApp } from './app-call'
import type { MeshRequest, MeshResult } from './types'

let session: SimSession | undefined
afterEach(() => session?.dispose())

const CLIENT = `apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers:
  - {name: curl, image: curlimages/curl:8.11.1, command: [sleep, infinity]}
`

/** Istio's "Ingress Gateway without TLS Termination" task: nginx whose ConfigMap-mounted nginx.conf listens on 443 with TLS. */
const NGINX_TLS = `apiVersion: v1
kind: ConfigMap
metadata: {name: nginx-configmap}
data:
  nginx.conf: |
    events {
    }
    http {
      server {
        listen 443 ssl;
        root /usr/share/nginx/html;
        index index.html;
        server_name nginx.example.com;
        ssl_certificate /etc/nginx-server-certs/tls.crt;
        ssl_certificate_key /etc/nginx-server-certs/tls.key;
      }
    }
---
apiVersion: v1
kind: Service
metadata: {name: my-nginx}
spec:
  ports: [{port: 443, protocol: TCP}]
  selector: {run: my-nginx}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: my-nginx}
spec:
  selector: {matchLabels: {run: my-nginx}}
  template:
    metadata: {labels: {run: my-nginx}}
    spec:
      containers:
      - name: my-nginx
        image: nginx
        ports: [{containerPort: 443}]
        volumeMounts: [{name: nginx-config, mountPath: /etc/nginx, readOnly: true}]
      volumes:
      - name: nginx-config
        configMap: {name: nginx-configmap}
`

/** go-httpbin takes its port from $PORT, here from a ConfigMap key. */
const GO_HTTPBIN_PORT = `apiVersion: v1
kind: ConfigMap
metadata: {name: httpbin-settings}
data: {PORT: "9090"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: gohttpbin}
spec:
  selector: {matchLabels: {app: gohttpbin}}
  template:
    metadata: {labels: {app: gohttpbin}}
    spec:
      containers:
      - name: httpbin
        image: mccutchen/go-httpbin:v2.15.0
        env:
        - name: PORT
          valueFrom: {configMapKeyRef: {name: httpbin-settings, key: PORT}}
`

const TCP_ECHO_AND_FORTIO = `apiVersion: v1
kind: Service
metadata: {name: tcp-echo}
spec:
  ports: [{name: tcp, port: 9000}]
  selector: {app: tcp-echo}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: tcp-echo}
spec:
  selector: {matchLabels: {app: tcp-echo}}
  template:
    metadata: {labels: {app: tcp-echo}}
    spec:
      containers:
      - {name: tcp-echo, image: docker.io/istio/tcp-echo-server:1.3, args: ["9000", "hello"]}
---
apiVersion: v1
kind: Service
metadata: {name: fortio}
spec:
  ports: [{name: http, port: 8080}, {name: grpc, port: 8079}]
  selector: {app: fortio}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fortio}
spec:
  selector: {matchLabels: {app: fortio}}
  template:
    metadata: {labels: {app: fortio}}
    spec:
      containers:
      - {name: fortio, image: fortio/fortio:1.69.0, args: [server]}
`

/** Flask httpbin behind a Service on 8000 (Istio's samples/httpbin), for the server's own status line. */
const FLASK_HTTPBIN = `apiVersion: v1
kind: Service
metadata: {name: httpbin}
spec:
  ports: [{name: http, port: 8000, targetPort: 80}]
  selector: {app: httpbin}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: httpbin}
spec:
  selector: {matchLabels: {app: httpbin}}
  template:
    metadata: {labels: {app: httpbin}}
    spec:
      containers:
      - {name: httpbin, image: docker.io/kennethreitz/httpbin}
`

async function start(manifests: string, seed = 7): Promise<SimSession> {
  session = createSimSession({ seed, files: { 'apps.yaml': `${CLIENT}---\n${manifests}` } })
  const [apply, wait] = await session.run('kubectl apply -f apps.yaml\nkubectl wait --for=condition=Ready pods --all --timeout=120s')
  expect(apply!.exitCode, apply!.stderr).toBe(0)
  expect(wait!.exitCode, wait!.stderr).toBe(0)
  return session
}

async function sh(s: SimSession, command: string): Promise<StatementResult> {
  const results = await s.run(command)
  return results[results.length - 1]!
}

function podOf(s: SimSession, label: string, namespace = 'default'): KubeObject {
  const [key, value] = label.split('=') as [string, string]
  const pod = s.store.list({ kind: 'Pod', namespace }).find((p) => p.metadata.labels?.[key] === value)
  if (!pod) throw new Error(`no pod ${label}`)
  return pod
}

const ipOf = (pod: KubeObject) => (pod.status as { podIP: string }).podIP

/** One request from a pod through the mesh, as curl's transport sends it, and the data plane's own answer. */
function send(s: SimSession, from: KubeObject, req: Omit<MeshRequest, 'headers' | 'body' | 'method'>): Promise<MeshResult> {
  const full: MeshRequest = { method: 'GET', headers: [['host', req.authority]], body: '', ...req }
  return s.network.scheduler.run(() => s.network.send({ kind: 'pod', pod: from, ip: ipOf(from) }, full))
}

describe('the container as the pod spec runs it', () => {
  it('nginx listens where its ConfigMap-mounted nginx.conf says, with TLS, and no longer on the image default 80', async () => {
    const s = await start(NGINX_TLS)
    const tls = await sh(s, 'kubectl exec client -- curl -sk https://my-nginx/')
    expect(tls.exitCode, tls.stderr).toBe(0)
    expect(tls.stdout).toContain('<h1>Welcome to nginx!</h1>')
    // nginx docs: plain HTTP on an `ssl` listener gets nginx's own 400 page.
    const plain = await sh(s, 'kubectl exec client -- curl -s http://my-nginx:443/')
    expect(plain.stdout).toContain('The plain HTTP request was sent to HTTPS port')
    const port80 = await sh(s, `kubectl exec client -- curl -sS http://${ipOf(podOf(s, 'run=my-nginx'))}:80/`)
    expect(port80.exitCode).toBe(7)
    expect(port80.stderr).toContain("Couldn't connect to server")
  })

  it('nginx reads a ConfigMap mounted over conf.d: its *.conf files replace the image default.conf', async () => {
    const s = await start(`apiVersion: v1
kind: ConfigMap
metadata: {name: site}
data:
  web.conf: |
    server {
      listen 8080;
      location / { root /usr/share/nginx/html; }
    }
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts: [{name: site, mountPath: /etc/nginx/conf.d}]
  volumes:
  - {name: site, configMap: {name: site}}
`)
    const ip = ipOf(podOf(s, 'app=web'))
    const on8080 = await sh(s, `kubectl exec client -- curl -s http://${ip}:8080/`)
    expect(on8080.stdout).toContain('Welcome to nginx!')
    expect((await sh(s, `kubectl exec client -- curl -s http://${ip}/`)).exitCode).toBe(7)
  })

  it('answers on the TLS port in HTTP/1.1 (no h2 by ALPN) with nginx\'s own headers', async () => {
    const s = await start(NGINX_TLS)
    const nginx = podOf(s, 'run=my-nginx')
    const client = s.store.get({ kind: 'Pod', name: 'client', namespace: 'default' })!
    const r = await send(s, client, { scheme: 'https', authority: 'my-nginx', path: '/', dstIp: ipOf(nginx), dstPort: 443, sni: 'my-nginx' })
    expect(r.kind).toBe('response')
    expect(r.kind === 'response' && r.httpVersion).toBe('1.1')
    expect(r.kind === 'response' && r.status).toBe(200)
    expect(r.kind === 'response' && r.headers.find(([n]) => n === 'Server')?.[1]).toMatch(/^nginx\//)
  })

  it('refuses a TLS handshake on a plain port (curl 35) and serves the image default when nothing is mounted', async () => {
    const s = await start(`apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - {name: nginx, image: nginx:1.27}
`)
    const ip = ipOf(podOf(s, 'app=web'))
    const plain = await sh(s, `kubectl exec client -- curl -s -o /dev/null -w '%{http_code}' http://${ip}/`)
    expect(plain.stdout).toBe('200')
    const tls = await sh(s, `kubectl exec client -- curl -sSk https://${ip}:80/`)
    expect(tls.exitCode).toBe(35)
    expect(tls.stderr).toContain('wrong version number')
  })

  it('go-httpbin binds the port its ConfigMap-sourced $PORT names', async () => {
    const s = await start(GO_HTTPBIN_PORT)
    const ip = ipOf(podOf(s, 'app=gohttpbin'))
    const on9090 = await sh(s, `kubectl exec client -- curl -s http://${ip}:9090/get`)
    expect(on9090.exitCode, on9090.stderr).toBe(0)
    expect(JSON.parse(on9090.stdout).url).toBe(`http://${ip}:9090/get`)
    expect((await sh(s, `kubectl exec client -- curl -s http://${ip}:8080/get`)).exitCode).toBe(7)
  })

  it('keeps the environment the container started with until it restarts', async () => {
    const s = await start(GO_HTTPBIN_PORT)
    const ip = ipOf(podOf(s, 'app=gohttpbin'))
    expect((await sh(s, `kubectl exec client -- curl -s http://${ip}:9090/get`)).exitCode).toBe(0)
    // Kubernetes resolves env when the container starts: a ConfigMap edit changes nothing until a restart.
    expect((await sh(s, `kubectl patch configmap httpbin-settings -p '{"data":{"PORT":"7070"}}'`)).exitCode).toBe(0)
    expect((await sh(s, `kubectl exec client -- curl -s http://${ip}:9090/get`)).exitCode).toBe(0)
    expect((await sh(s, `kubectl exec client -- curl -s http://${ip}:7070/get`)).exitCode).toBe(7)
    // Workaround, not behaviour under test: the mesh leaves the clock on a fractional millisecond and the
    // Event recorder (cluster/controllers/event-recorder.ts) cannot name events then; realign before the restart.
    s.clock.advanceTo(Math.ceil(s.clock.now()))
    const restart = await s.run('kubectl rollout restart deployment gohttpbin\nkubectl rollout status deployment gohttpbin --timeout=120s\nsleep 60')
    expect(restart.map((r) => r.exitCode), restart.map((r) => r.stderr).join('')).toEqual([0, 0, 0])
    const fresh = podOf(s, 'app=gohttpbin')
    expect(ipOf(fresh)).not.toBe(ip)
    expect((await sh(s, `kubectl exec client -- curl -s http://${ipOf(fresh)}:7070/get`)).exitCode).toBe(0)
    expect((await sh(s, `kubectl exec client -- curl -s http://${ipOf(fresh)}:9090/get`)).exitCode).toBe(7)
  })

  it('runs the new program after the image of a bare pod is patched', async () => {
    const s = await start(`apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - {name: web, image: nginx:1.27}
`)
    const ip = ipOf(podOf(s, 'app=web'))
    expect((await sh(s, `kubectl exec client -- curl -s http://${ip}/`)).stdout).toContain('Welcome to nginx!')
    s.clock.advanceTo(Math.ceil(s.clock.now())) // the Event recorder workaround, as above
    const set = await sh(s, `kubectl patch pod web -p '{"spec":{"containers":[{"name":"web","image":"mccutchen/go-httpbin:v2.15.0"}]}}'`)
    expect(set.exitCode, set.stderr).toBe(0)
    expect((await sh(s, `kubectl exec client -- curl -s http://${ip}/`)).exitCode).toBe(7)
    const get = await sh(s, `kubectl exec client -- curl -s http://${ip}:8080/get`)
    expect(JSON.parse(get.stdout).url).toBe(`http://${ip}:8080/get`)
  })

  it('a container the kubelet reports terminated accepts no connections', async () => {
    const s = await start(GO_HTTPBIN_PORT)
    const pod = podOf(s, 'app=gohttpbin')
    expect((await sh(s, `kubectl exec client -- curl -s http://${ipOf(pod)}:9090/get`)).exitCode).toBe(0)
    s.store.mutate({ kind: 'Pod', namespace: 'default', name: pod.metadata.name }, (draft) => {
      const st = draft.status as { containerStatuses: { state: unknown }[] }
      st.containerStatuses[0]!.state = { terminated: { exitCode: 137, reason: 'OOMKilled' } }
    })
    expect((await sh(s, `kubectl exec client -- curl -s http://${ipOf(pod)}:9090/get`)).exitCode).toBe(7)
  })
})

describe('answers that are not HTTP', () => {
  it('a raw TCP echo answers curl with its own lines: curl refuses HTTP/0.9 (exit 1)', async () => {
    const s = await start(TCP_ECHO_AND_FORTIO)
    const r = await sh(s, 'kubectl exec client -- curl -sS http://tcp-echo:9000/')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe('curl: (1) Received HTTP/0.9 when not allowed\ncommand terminated with exit code 1\n')
    expect(r.stdout).toBe('')
    // The echo server saw curl's request line and logged its reply.
    const logs = await sh(s, 'kubectl logs deploy/tcp-echo')
    expect(logs.stdout).toContain('request: GET / HTTP/1.1')
    expect(logs.stdout).toContain('response: hello GET / HTTP/1.1')
  })

  it('fortio\'s gRPC port closes an HTTP/1.1 connection without a reply (curl 52)', async () => {
    const s = await start(TCP_ECHO_AND_FORTIO)
    const r = await sh(s, 'kubectl exec client -- curl -sS http://fortio:8079/')
    expect(r.exitCode).toBe(52)
    expect(r.stderr).toBe('curl: (52) Empty reply from server\ncommand terminated with exit code 52\n')
  })
})

describe('what the app itself reports', () => {
  it('fortio\'s /debug counts its uptime from the container\'s start', async () => {
    const s = await start(TCP_ECHO_AND_FORTIO)
    await s.run('sleep 90')
    const r = await sh(s, 'kubectl exec client -- curl -s http://fortio:8080/debug')
    const m = /echo debug server up for (?:(\d+)m)?([\d.]+)s on fortio-/.exec(r.stdout)
    expect(m, r.stdout).not.toBeNull()
    const seconds = Number(m![1] ?? 0) * 60 + Number(m![2])
    expect(seconds).toBeGreaterThanOrEqual(90)
    expect(seconds).toBeLessThan(100)
  })

  it('keeps the server\'s own reason phrase when no sidecar is in between, and drops it when the client\'s sidecar proxies', async () => {
    const s = await start(FLASK_HTTPBIN)
    const setup = await s.run(`istioctl install --set profile=demo -y
kubectl wait --for=condition=Ready pods --all -n istio-system --timeout=300s
kubectl create namespace mesh
kubectl label namespace mesh istio-injection=enabled
kubectl run meshclient -n mesh --image=curlimages/curl:8.11.1 --command -- sleep infinity
kubectl wait --for=condition=Ready pod/meshclient -n mesh --timeout=120s`)
    expect(setup.map((r) => r.exitCode), setup.map((r) => r.stderr).join('')).toEqual([0, 0, 0, 0, 0, 0])
    const client = s.store.get({ kind: 'Pod', name: 'client', namespace: 'default' })!
    const meshClient = s.store.get({ kind: 'Pod', name: 'meshclient', namespace: 'mesh' })!
    expect((meshClient.spec as { containers: { name: string }[] }).containers.map((c) => c.name)).toContain('istio-proxy')
    const httpbin = podOf(s, 'app=httpbin')
    // Werkzeug 0.14 upper-cases the phrase; gunicorn writes it as given, and a plain client reads that line.
    const direct = await send(s, client, { scheme: 'http', authority: 'httpbin:8000', path: '/status/418', dstIp: ipOf(httpbin), dstPort: 80 })
    expect(direct.kind === 'response' && direct.status).toBe(418)
    expect(direct.kind === 'response' && direct.statusText).toBe("I'M A TEAPOT")
    // Envoy (the client's sidecar) writes its own status line with the standard phrase.
    const proxied = await send(s, meshClient, { scheme: 'http', authority: 'httpbin.default:8000', path: '/status/418', dstIp: ipOf(httpbin), dstPort: 80 })
    expect(proxied.kind === 'response' && proxied.status).toBe(418)
    expect(proxied.kind === 'response' && proxied.statusText).toBeUndefined()
  })
})

describe('behind an inbound sidecar', () => {
  it('client TLS passes through the sidecar to nginx\'s own TLS port; a plain port fails the handshake', async () => {
    session = createSimSession({ seed: 5, files: { 'apps.yaml': NGINX_TLS } })
    const setup = await session.run(`istioctl install --set profile=demo -y
kubectl wait --for=condition=Ready pods --all -n istio-system --timeout=300s
kubectl label namespace default istio-injection=enabled
kubectl apply -f apps.yaml
kubectl wait --for=condition=Ready pods --all --timeout=120s`)
    expect(setup.map((r) => r.exitCode), setup.map((r) => r.stderr).join('')).toEqual([0, 0, 0, 0, 0])
    const s = session
    const nginx = podOf(s, 'run=my-nginx')
    expect((nginx.spec as { containers: { name: string }[] }).containers.map((c) => c.name)).toContain('istio-proxy')
    // Istio's own proxy is never the app: its health port does not count as the app listening.
    expect(appListeningOn(nginx, 15021, s.store)).toBeUndefined()
    const target = appListeningOn(nginx, 443, s.store)!
    expect(target.container).toBe('my-nginx')
    const req: MeshRequest = { method: 'GET', scheme: 'https', authority: 'nginx.example.com', path: '/', headers: [['host', 'nginx.example.com']], body: '', dstIp: ipOf(nginx), dstPort: 443, sni: 'nginx.example.com' }
    const r = await s.network.scheduler.run(() => flowToPromise(tlsPassthroughToApp(s.network, nginx, target, req)))
    expect(r.kind === 'response' && r.status).toBe(200)
    expect(r.kind === 'response' && r.body).toContain('Welcome to nginx!')
    expect(r.kind === 'response' && r.httpVersion).toBe('1.1')
    // The sidecar only forwarded bytes: no Envoy headers on the app's answer.
    expect(r.kind === 'response' && r.headers.map(([n]) => n.toLowerCase())).not.toContain('x-envoy-upstream-service-time')
    const logs = await sh(s, 'kubectl logs deploy/my-nginx -c my-nginx')
    expect(logs.stdout).toMatch(/^127\.0\.0\.6 - - \[.*\] "GET \/ HTTP\/1\.1" 200 /m)
    const plainTarget = { ...target, app: { ...target.app, tlsPorts: [] } }
    const failed = await s.network.scheduler.run(() => flowToPromise(tlsPassthroughToApp(s.network, nginx, plainTarget, req)))
    expect(failed.kind === 'failure' && failed.curlExitCode).toBe(35)
  })

  it('turns an app\'s missing HTTP answer into Envoy\'s local reply: UC 503 for a closed connection, UPE 502 for non-HTTP bytes', () => {
    const base = { status: 0, headers: [], body: '', serviceTimeMs: 0 }
    expect(proxiedAppFailure({ ...base, abort: 'empty-reply' })).toEqual({ status: 503, flag: 'UC', body: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination' })
    const upe = proxiedAppFailure({ ...base, body: 'hello GET / HTTP/1.1\r\n', abort: 'not-http' })
    expect(upe?.status).toBe(502)
    expect(upe?.flag).toBe('UPE')
    expect(upe?.body).toHaveLength(87)
    expect(proxiedAppFailure({ ...base, status: 200 })).toBeUndefined()
  })
})
