// Catalogue: which app model a container image runs, matched on the image repository; first match wins.
//
// As in Kubernetes, behaviour comes from the image, not from the pod spec:
// `containerPort` is informational, so a Service whose targetPort the image
// does not listen on gets connection refused. Client images (curl, sleep,
// busybox) listen on nothing. An image we have no model for runs but accepts
// no connections (curl exit 7), and unknownImageLogLine says why in its logs.

import { imageRepository } from '../../cluster/log-seeds'
import { grafanaApp, jaegerApp, kialiApp, prometheusApp } from './addons'
import { detailsApp } from './bookinfo/details'
import { productpageApp } from './bookinfo/productpage'
import { ratingsApp } from './bookinfo/ratings'
import { REVIEWS_IMAGES, reviewsApp } from './bookinfo/reviews'
import { fortioServerApp } from './fortio-server'
import { flaskHttpbinApp } from './httpbin/flask-httpbin'
import { goHttpbinApp } from './httpbin/go-httpbin'
import { helloworldApp } from './helloworld'
import { istiodApp } from './istiod'
import { nginxApp, nginxModel } from './nginx'
import { nginxListens } from './nginx-config'
import { echoServerApp, helloAppModel, httpdApp, httpEchoApp } from './simple-servers'
import { tcpEchoApp } from './tcp-echo'
import { listeningPorts, type ContainerCommand } from './container'
import type { AppModel } from './types'

/** A model that binds no port: clients, and images we do not know. */
export function listensOnNothing(name: string): AppModel {
  return {
    name,
    ports: [],
    listensOn: () => false,
    async handle() {
      // The data plane checks listensOn first; reaching here means a caller skipped it.
      return { status: 0, headers: [], body: '', serviceTimeMs: 0, abort: 'empty-reply' }
    },
  }
}

interface CatalogueEntry {
  match: RegExp
  app: AppModel
  /** Clients and sidecar images are known even though they serve nothing. */
  kind: 'server' | 'client' | 'mesh'
}

const NGINX_UNPRIVILEGED: AppModel = nginxModel([{ port: 8080, ssl: false }])

const ENTRIES: readonly CatalogueEntry[] = [
  { match: /examples-bookinfo-productpage/, app: productpageApp, kind: 'server' },
  { match: /examples-bookinfo-details/, app: detailsApp, kind: 'server' },
  { match: /examples-bookinfo-reviews-v1/, app: reviewsApp(REVIEWS_IMAGES.v1), kind: 'server' },
  { match: /examples-bookinfo-reviews-v2/, app: reviewsApp(REVIEWS_IMAGES.v2), kind: 'server' },
  { match: /examples-bookinfo-reviews-v3/, app: reviewsApp(REVIEWS_IMAGES.v3), kind: 'server' },
  { match: /examples-bookinfo-ratings-v2/, app: ratingsApp('v2'), kind: 'server' },
  { match: /examples-bookinfo-ratings/, app: ratingsApp('v1'), kind: 'server' },
  { match: /examples-helloworld-v2/, app: helloworldApp('v2'), kind: 'server' },
  { match: /examples-helloworld/, app: helloworldApp('v1'), kind: 'server' },
  { match: /(^|\/)go-httpbin$/, app: goHttpbinApp, kind: 'server' },
  { match: /^citizenstig\/httpbin$/, app: flaskHttpbinApp({ name: 'httpbin', ports: [8000] }), kind: 'server' },
  { match: /(^|\/)httpbin$/, app: flaskHttpbinApp({ name: 'httpbin', ports: [80] }), kind: 'server' },
  { match: /^fortio\/fortio$/, app: fortioServerApp, kind: 'server' },
  { match: /(^|\/)tcp-echo-server$/, app: tcpEchoApp, kind: 'server' },
  { match: /(^|\/)nginx-unprivileged$/, app: NGINX_UNPRIVILEGED, kind: 'server' },
  { match: /^hashicorp\/http-echo$/, app: httpEchoApp, kind: 'server' },
  { match: /google-samples\/(.*\/)?hello-app$/, app: helloAppModel('1.0'), kind: 'server' },
  { match: /(^|\/)echo-server$/, app: echoServerApp, kind: 'server' },
  { match: /(^|\/)httpd$/, app: httpdApp, kind: 'server' },
  { match: /(^|\/)nginx$/, app: nginxApp, kind: 'server' },
  { match: /^istio\/pilot$/, app: istiodApp, kind: 'mesh' },
  { match: /(^|\/)prometheus$/, app: prometheusApp, kind: 'mesh' },
  { match: /(^|\/)grafana$/, app: grafanaApp, kind: 'mesh' },
  { match: /(^|\/)kiali$/, app: kialiApp, kind: 'mesh' },
  { match: /jaegertracing\/(all-in-one|jaeger)$/, app: jaegerApp, kind: 'mesh' },
  // The sidecar and gateways' own ports (15000, 15001, 15006, 15021, 15090, 8080/8443 on gateways) are the data plane's.
  { match: /^istio\/proxyv2$/, app: listensOnNothing('istio-proxy'), kind: 'mesh' },
  { match: /^(curlimages\/curl|governmentpaas\/curl-ssl|appropriate\/curl|radial\/busyboxplus|nicolaka\/netshoot|tutum\/curl)$/, app: listensOnNothing('curl'), kind: 'client' },
  { match: /(^|\/)(busybox|alpine|ubuntu|debian|centos|fedora|python|node|golang)$/, app: listensOnNothing('sleep'), kind: 'client' },
  { match: /(^|\/)(sleep|curl|dnsutils|netshoot)$/, app: listensOnNothing('curl'), kind: 'client' },
]

const UNKNOWN = listensOnNothing('none')

function entryFor(image: string): CatalogueEntry | undefined {
  const repo = imageRepository(image)
  return ENTRIES.find((e) => e.match.test(repo))
}

/** The model for an image; unknown images get one that listens on nothing. */
export function appForImage(image: string): AppModel {
  const entry = entryFor(image)
  // hello-app prints its version, which is the image tag.
  if (entry?.app.name === 'hello-app') return helloAppModel(imageTag(image) ?? '1.0')
  return entry?.app ?? UNKNOWN
}

/** The tag of an image reference (`repo:tag@digest` -> tag), if any. */
function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0]!
  const colon = noDigest.lastIndexOf(':')
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(colon + 1) : undefined
}

/**
 * The model for a container as the pod spec runs it: the image's model, with
 * the ports its command line really binds (`-b 0.0.0.0:8080`, `-port 9000`,
 * `fortio load ...` binding none). Prefer this over appForImage when the pod
 * spec is at hand.
 */
export function appForContainer(c: ContainerCommand): AppModel {
  const base = appForImage(c.image)
  if (base.name === 'nginx' && (c.readFile || c.listDir)) return nginxFromFiles(c, base)
  const ports = listeningPorts(c)
  if (ports === undefined) return base
  return { ...base, ports, listensOn: (p) => ports.includes(p) }
}

/** The image's nginx.conf pulls in every conf.d/*.conf (its `include /etc/nginx/conf.d/*.conf;`). */
const INCLUDES_CONF_D = /(^|[\s;{}])include\s+\/etc\/nginx\/conf\.d\/\*\.conf\s*;/

/** The conf.d/*.conf texts nginx reads: the mounted ones, plus the image's default.conf unless a mount hides it. */
function confDTexts(c: ContainerCommand, base: AppModel): string[] {
  const imageDefault = `server { ${base.ports.map((p) => `listen ${p};`).join(' ')} }`
  const listing = c.listDir?.('/etc/nginx/conf.d') ?? { names: [], replacesImage: false }
  const names = new Set(listing.names.filter((n) => n.endsWith('.conf')))
  if (!listing.replacesImage) names.add('default.conf')
  return [...names].sort().map((n) => c.readFile?.(`/etc/nginx/conf.d/${n}`) ?? (n === 'default.conf' && !listing.replacesImage ? imageDefault : ''))
}

/**
 * nginx as its mounted configuration says (nginx docs, core module `include`): the main
 * nginx.conf (mounted, or the image's, which includes conf.d/*.conf) and the conf.d files
 * it includes. Server blocks nowhere: nginx opens no socket.
 */
function nginxFromFiles(c: ContainerCommand, base: AppModel): AppModel {
  const main = c.readFile?.('/etc/nginx/nginx.conf')
  const texts = [main ?? '', ...(main === undefined || INCLUDES_CONF_D.test(main) ? confDTexts(c, base) : [])]
  return nginxModel(nginxListens(texts.join('\n')) ?? [])
}

/** Whether the catalogue knows this image (as a server, client or mesh component). */
export function isKnownImage(image: string): boolean {
  return entryFor(image) !== undefined
}

/**
 * The container log line for an image the simulator has no model for. Real
 * programs would print their own start-up lines; this one tells the learner
 * why the container accepts no connections.
 */
export function unknownImageLogLine(image: string): string {
  return `mesh-dojo: no simulated program for image "${image}"; the container runs but listens on no port, so connections to it are refused`
}
