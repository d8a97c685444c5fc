import { describe, expect, it } from 'vitest'
import { fakeContext, request } from './apps.test-util'
import { appForContainer } from './catalogue'
import { nginxListens } from './nginx-config'

/** The configuration Istio's "Ingress Gateway without TLS Termination" task mounts at /etc/nginx. */
const PASSTHROUGH_CONF = `events {
}

http {
  log_format main '$remote_addr - $remote_user [$time_local]  $status '
  '"$request" $body_bytes_sent "$http_referer" '
  '"$http_user_agent" "$http_x_forwarded_for"';
  access_log /var/log/nginx/access.log main;
  error_log  /var/log/nginx/error.log;

  server {
    listen 443 ssl;

    root /usr/share/nginx/html;
    index index.html;

    server_name nginx.example.com;
    ssl_certificate /etc/nginx-server-certs/tls.crt;
    ssl_certificate_key /etc/nginx-server-certs/tls.key;
  }
}
`

describe('nginx configuration', () => {
  it('reads listen directives, their ports and ssl flags', () => {
    expect(nginxListens(PASSTHROUGH_CONF)).toEqual([{ port: 443, ssl: true }])
    expect(nginxListens('http { server { listen 80; listen [::]:8080; } server { listen 127.0.0.1:9443 ssl http2; } }'))
      .toEqual([{ port: 80, ssl: false }, { port: 8080, ssl: false }, { port: 9443, ssl: true }])
    expect(nginxListens('http { server { server_name a; } }')).toEqual([{ port: 80, ssl: false }])
    expect(nginxListens('http { include /etc/nginx/conf.d/*.conf; }')).toBeUndefined()
    expect(nginxListens('# server { listen 1; }\nhttp { server { listen 81; # listen 82;\n } }')).toEqual([{ port: 81, ssl: false }])
  })

  it("serves the task's nginx on 443 with TLS, and answers plain HTTP there with nginx's 400", async () => {
    const files: Record<string, string> = { '/etc/nginx/nginx.conf': PASSTHROUGH_CONF }
    const app = appForContainer({ image: 'nginx', readFile: (p) => files[p] })
    expect([app.listensOn(443), app.listensOn(80)]).toEqual([true, false])
    expect(app.tlsPorts).toEqual([443])
    const ctx = fakeContext({ hosts: {} }).ctx
    const ok = await app.handle(request('/', { scheme: 'https', port: 443, host: 'nginx.example.com' }), ctx)
    expect([ok.status, ok.body.includes('Welcome to nginx!')]).toEqual([200, true])
    const plain = await app.handle(request('/', { scheme: 'http', port: 443 }), ctx)
    expect(plain.status).toBe(400)
    expect(plain.body).toContain('The plain HTTP request was sent to HTTPS port')
  })

  it('keeps the image default when nothing readable is mounted', () => {
    const app = appForContainer({ image: 'nginx:1.27', readFile: () => undefined })
    expect([app.listensOn(80), app.tlsPorts]).toEqual([true, undefined])
  })

  it('reads conf.d/*.conf as the image\'s nginx.conf includes it: a mounted conf.d replaces default.conf, a subPath file joins it', () => {
    const replaced = appForContainer({
      image: 'nginx', readFile: (p) => (p === '/etc/nginx/conf.d/site.conf' ? 'server { listen 8081; }' : undefined),
      listDir: () => ({ names: ['README', 'site.conf'], replacesImage: true }),
    })
    expect(replaced.ports).toEqual([8081])
    const joined = appForContainer({
      image: 'nginx', readFile: (p) => (p === '/etc/nginx/conf.d/app.conf' ? 'server { listen 8443 ssl; }' : undefined),
      listDir: () => ({ names: ['app.conf'], replacesImage: false }),
    })
    expect([...joined.ports].sort()).toEqual([80, 8443])
    expect(joined.tlsPorts).toEqual([8443])
  })

  it('follows a mounted nginx.conf: its include pulls conf.d in; without server blocks or an include nothing listens', () => {
    const files: Record<string, string> = {
      '/etc/nginx/nginx.conf': 'events {}\nhttp { include /etc/nginx/conf.d/*.conf; }',
      '/etc/nginx/conf.d/default.conf': 'server { listen 9000; }',
    }
    const included = appForContainer({ image: 'nginx', readFile: (p) => files[p], listDir: () => ({ names: ['default.conf'], replacesImage: false }) })
    expect(included.ports).toEqual([9000])
    const bare = appForContainer({ image: 'nginx', readFile: (p) => (p === '/etc/nginx/nginx.conf' ? 'events {}\nhttp { }' : undefined) })
    expect(bare.ports).toEqual([])
    expect(bare.listensOn(80)).toBe(false)
  })

  it('keeps nginx-unprivileged\'s own default port when only extra files are mounted', () => {
    const app = appForContainer({ image: 'nginxinc/nginx-unprivileged', readFile: () => undefined, listDir: () => ({ names: [], replacesImage: false }) })
    expect(app.ports).toEqual([8080])
  })
})
