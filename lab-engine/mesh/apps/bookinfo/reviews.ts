// Bookinfo reviews (Java, Open Liberty; LibertyRestEndpoint.java): two book reviews, with star ratings from v2 on.
//
// The three images differ only in their baked-in environment: v1 has
// ENABLE_RATINGS=false; v2 ENABLE_RATINGS=true, STAR_COLOR=black; v3 the same
// with STAR_COLOR=red. A pod's env overrides them, as in Kubernetes. With
// ratings on, reviews calls http://ratings:9080/ratings/<id> with a 10 s client
// timeout for black stars and 2.5 s otherwise; when that call fails each review
// carries `"rating": {"error": "Ratings service is currently unavailable"}`.
// The JSON is built by string concatenation in the source; its spacing is kept.

import { runFlow, type Flow, wait } from '../../../core/flow'
import { pathOnly } from '../http-util'
import { respond } from '../respond'
import { SERVICE_TIMES } from '../service-time'
import { isUpstreamFailure, type AppContext, type AppModel, type AppRequest, type AppResponse } from '../types'
import { reviewsForwardHeaders } from './forward-headers'

export interface ReviewsImageDefaults {
  enableRatings: boolean
  starColor: string
}

export const REVIEWS_IMAGES: Record<'v1' | 'v2' | 'v3', ReviewsImageDefaults> = {
  v1: { enableRatings: false, starColor: 'black' },
  v2: { enableRatings: true, starColor: 'black' },
  v3: { enableRatings: true, starColor: 'red' },
}

const REVIEW_TEXT = [
  ['Reviewer1', 'An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!'],
  ['Reviewer2', 'Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.'],
] as const

interface Settings { ratingsEnabled: boolean; starColor: string; ratingsHost: string; ratingsPort: number; podName: string; clusterName: string }

function settings(ctx: AppContext, image: ReviewsImageDefaults): Settings {
  const env = ctx.pod.env
  const domain = env.SERVICES_DOMAIN ? `.${env.SERVICES_DOMAIN}` : ''
  return {
    // Java's Boolean.valueOf: true only for "true", ignoring case.
    ratingsEnabled: env.ENABLE_RATINGS !== undefined ? env.ENABLE_RATINGS.toLowerCase() === 'true' : image.enableRatings,
    starColor: env.STAR_COLOR ?? image.starColor,
    ratingsHost: (env.RATINGS_HOSTNAME ?? 'ratings') + domain,
    ratingsPort: Number(env.RATINGS_SERVICE_PORT ?? 9080),
    podName: env.HOSTNAME ?? ctx.pod.name,
    // String concatenation of a null CLUSTER_NAME prints "null".
    clusterName: env.CLUSTER_NAME ?? 'null',
  }
}

/** getJsonResponse: stars -1 means the ratings call failed. */
export function reviewsJson(id: string, s: Pick<Settings, 'ratingsEnabled' | 'starColor' | 'podName' | 'clusterName'>, stars: [number, number]): string {
  const reviews = REVIEW_TEXT.map(([reviewer, text], i) => {
    let r = `{  "reviewer": "${reviewer}",  "text": "${text}"`
    if (s.ratingsEnabled) {
      r += stars[i] !== -1
        ? `, "rating": {"stars": ${stars[i]}, "color": "${s.starColor}"}`
        : ', "rating": {"error": "Ratings service is currently unavailable"}'
    }
    return r + '}'
  })
  return `{"id": "${id}","podname": "${s.podName}","clustername": "${s.clusterName}","reviews": [${reviews.join(',')}]}`
}

/**
 * reviewsJson, with the last answer remembered: a pod answers the same text page after page,
 * and handing out the same string object lets productpage's parse memo find it without
 * hashing a new one.
 */
function reviewsJsonOnce(id: string, s: Settings, stars: [number, number]): string {
  const l = lastReviews
  if (l && l.id === id && l.stars[0] === stars[0] && l.stars[1] === stars[1] && l.s.ratingsEnabled === s.ratingsEnabled
    && l.s.starColor === s.starColor && l.s.podName === s.podName && l.s.clusterName === s.clusterName) return l.text
  const text = reviewsJson(id, s, stars)
  lastReviews = { id, s, stars, text }
  return text
}

let lastReviews: { id: string; s: Settings; stars: [number, number]; text: string } | undefined

/** getRatings: the two reviewers' stars, or -1 each when ratings cannot be read. */
function* fetchStars(req: AppRequest, ctx: AppContext, s: Settings, id: string): Flow<[number, number]> {
  const url = `http://${s.ratingsHost}:${s.ratingsPort}/ratings`
  const call = ctx.upstream({
    method: 'GET', host: s.ratingsHost, port: s.ratingsPort, path: `/ratings/${id}`,
    headers: [['accept', 'application/json'], ...reviewsForwardHeaders(req.headers)],
    timeoutMs: s.starColor === 'black' ? 10_000 : 2_500,
  })
  const res = call instanceof Promise ? yield* wait(call) : call
  if (isUpstreamFailure(res)) {
    ctx.appendLog(`Error: unable to contact ${url} got exception javax.ws.rs.ProcessingException: ${res.message}`)
    return [-1, -1]
  }
  if (res.status !== 200) {
    ctx.appendLog(`Error: unable to contact ${url} got status of ${res.status}`)
    return [-1, -1]
  }
  return starsOf(res.body)
}

/** The stars in a ratings body; the last body read is remembered (ratings answers the same one over and over). */
function starsOf(text: string): [number, number] {
  if (text === lastRatings.text) return [lastRatings.stars[0], lastRatings.stars[1]]
  let stars: [number, number]
  try {
    const body = JSON.parse(text) as { ratings?: Record<string, unknown> }
    const star = (k: string) => (typeof body.ratings?.[k] === 'number' ? (body.ratings[k] as number) : -1)
    stars = [star('Reviewer1'), star('Reviewer2')]
  } catch {
    stars = [-1, -1]
  }
  lastRatings = { text, stars }
  return [stars[0], stars[1]]
}

let lastRatings: { text: string; stars: [number, number] } = { text: '', stars: [-1, -1] }

function json(ctx: AppContext, status: number, body: string): AppResponse {
  return respond(ctx, { status, body, headers: [['Content-Type', 'application/json']], profile: SERVICE_TIMES.reviews, dateFirst: true })
}

/** Liberty's answer for an unmapped path or a non-integer product id (JAX-RS path params that fail conversion are 404). */
function notFound(ctx: AppContext, path: string): AppResponse {
  const body = `Error 404: java.io.FileNotFoundException: SRVE0190E: File not found: ${path}`
  return respond(ctx, { status: 404, body, headers: [['Content-Type', 'text/html;charset=ISO-8859-1']], profile: SERVICE_TIMES.reviews, dateFirst: true })
}

export function reviewsApp(image: ReviewsImageDefaults): AppModel {
  return {
    name: 'reviews',
    ports: [9080],
    listensOn: (port) => port === 9080,
    handle: (req, ctx) => runFlow(respondTo(req, ctx, image)),
  }
}

function* respondTo(req: AppRequest, ctx: AppContext, image: ReviewsImageDefaults): Flow<AppResponse> {
  const path = pathOnly(req.path)
  if (req.method === 'GET' && path === '/health') return json(ctx, 200, '{"status": "Reviews is healthy"}')
  const m = /^\/reviews\/([-+]?\d+)$/.exec(path)
  if (req.method !== 'GET' || !m || Math.abs(Number(m[1])) > 2 ** 31 - 1) return notFound(ctx, path)
  const id = String(parseInt(m[1]!, 10))
  const s = settings(ctx, image)
  const stars: [number, number] = s.ratingsEnabled ? yield* fetchStars(req, ctx, s, id) : [-1, -1]
  return json(ctx, 200, reviewsJsonOnce(id, s, stars))
}
