// productpage's backend calls (getProductDetails, getProductReviews, getProductRatings in productpage.py).
//
// Each is a `requests.get(url, headers=..., timeout=3.0)`. Reviews is tried
// twice ("Bug introduced explicitly for illustration in fault injection task"),
// so a 7 s delay on reviews shows the error after about 6 s. A response that
// is not 2xx/3xx, a timeout or a refused connection gives the service's error
// text; the status is the last response's, or 500 when there was none.

import { type Flow, wait } from '../../../core/flow'
import { isUpstreamFailure, type AppContext, type AppResponse, type Header } from '../types'
import { lineMemo } from '../line-memo'

/** requests' timeout=3.0 on every backend call. */
export const PRODUCTPAGE_CALL_TIMEOUT_MS = 3_000
const REQUESTS_UA = 'python-requests/2.32.3'

export type CallResult = [status: number, body: Record<string, unknown>]

/** A 200 whose body is not JSON makes res.json() raise inside the view: Flask answers 500. */
export class UnparseableUpstream extends Error {}

export interface Backends { details: string; reviews: string; ratings: string }

/** Hostnames from DETAILS_HOSTNAME / REVIEWS_HOSTNAME / RATINGS_HOSTNAME and SERVICES_DOMAIN. */
export function backendHosts(env: Readonly<Record<string, string>>): Backends {
  const domain = env.SERVICES_DOMAIN ? `.${env.SERVICES_DOMAIN}` : ''
  return {
    details: (env.DETAILS_HOSTNAME ?? 'details') + domain,
    reviews: (env.REVIEWS_HOSTNAME ?? 'reviews') + domain,
    ratings: (env.RATINGS_HOSTNAME ?? 'ratings') + domain,
  }
}

/** requests' default headers with the forwarded ones merged over them (names compared case-insensitively). */
function requestHeaders(forward: readonly Header[]): Header[] {
  // A page's calls share one forwarded list: merged once per list (the result is only read).
  if (forward === lastMerge.forward) return lastMerge.headers
  const headers = mergeDefaults(forward)
  lastMerge = { forward, headers }
  return headers
}

let lastMerge: { forward: readonly Header[] | undefined; headers: Header[] } = { forward: undefined, headers: [] }

function mergeDefaults(forward: readonly Header[]): Header[] {
  const defaults: Header[] = [['user-agent', REQUESTS_UA], ['accept-encoding', 'gzip, deflate'], ['accept', '*/*'], ['connection', 'keep-alive']]
  // The forwarded names come from productpage's lists: lower case already.
  const merged = defaults.filter(([k]) => !forward.some(([f]) => f === k))
  return [...merged, ...forward]
}

const connecting = lineMemo((host: string) => `DEBUG:urllib3.connectionpool:Starting new HTTP connection (1): ${host}:9080`)
const answered = lineMemo((host: string, path: string, status: number, length: string) => `DEBUG:urllib3.connectionpool:http://${host}:9080 "GET ${path} HTTP/1.1" ${status} ${length}`)

function* get(ctx: AppContext, host: string, path: string, forward: readonly Header[]): Flow<AppResponse | undefined> {
  ctx.appendLog(connecting.line(host))
  const call = ctx.upstream({ method: 'GET', host, port: 9080, path, headers: requestHeaders(forward), timeoutMs: PRODUCTPAGE_CALL_TIMEOUT_MS })
  const res = call instanceof Promise ? yield* wait(call) : call
  if (isUpstreamFailure(res)) return undefined
  const length = res.headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1] ?? 'None'
  ctx.appendLog(answered.line(host, path, res.status, length))
  return res
}

/** requests' Response is truthy when ok (status below 400). */
const ok = (res: AppResponse | undefined): res is AppResponse => res !== undefined && res.status < 400

/** Bodies parsed recently: Bookinfo answers the same few bodies over and over (read-only results). */
const parseMemo = new Map<string, Record<string, unknown>>()
/** Entries the memo keeps before starting over. */
export const PARSE_MEMO_SIZE = 256

function parsed(res: AppResponse): Record<string, unknown> {
  const hit = parseMemo.get(res.body)
  if (hit) return hit
  let value: Record<string, unknown>
  try {
    value = JSON.parse(res.body) as Record<string, unknown>
  } catch {
    throw new UnparseableUpstream(`JSONDecodeError from ${res.status} response`)
  }
  if (parseMemo.size >= PARSE_MEMO_SIZE) parseMemo.clear()
  parseMemo.set(res.body, value)
  return value
}

const UNAVAILABLE: Record<string, Readonly<Record<string, unknown>>> = Object.fromEntries(['details', 'reviews', 'ratings'].map((what) =>
  [what, Object.freeze({ error: `Sorry, product ${what} are currently unavailable for this book.` })]))

function failed(res: AppResponse | undefined, what: 'details' | 'reviews' | 'ratings'): CallResult {
  return [res?.status || 500, UNAVAILABLE[what] as Record<string, unknown>]
}

export function* productDetails(ctx: AppContext, b: Backends, id: string, fwd: readonly Header[]): Flow<CallResult> {
  const res = yield* get(ctx, b.details, `/details/${id}`, fwd)
  return ok(res) && res.status === 200 ? [200, parsed(res)] : failed(res, 'details')
}

export function* productReviews(ctx: AppContext, b: Backends, id: string, fwd: readonly Header[]): Flow<CallResult> {
  let res: AppResponse | undefined
  for (let attempt = 0; attempt < 2; attempt++) {
    res = yield* get(ctx, b.reviews, `/reviews/${id}`, fwd)
    if (ok(res) && res.status === 200) return [200, parsed(res)]
  }
  return failed(res, 'reviews')
}

export function* productRatings(ctx: AppContext, b: Backends, id: string, fwd: readonly Header[]): Flow<CallResult> {
  const res = yield* get(ctx, b.ratings, `/ratings/${id}`, fwd)
  return ok(res) && res.status === 200 ? [200, parsed(res)] : failed(res, 'ratings')
}
