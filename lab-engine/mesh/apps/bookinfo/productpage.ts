// Bookinfo productpage (Python Flask, productpage.py): the web page and API that call details and reviews.
//
// Routes as in productpage.py: `/` and `/index.html`, `/health`, POST `/login`
// (stores `user` in Flask's signed session cookie and redirects to the
// Referer), GET `/logout`, `/productpage`, and `/api/v1/products[/<id>[/reviews|/ratings]]`.
// Every backend call carries the forwarded headers plus `end-user: <user>` once
// someone has signed in; Istio's request-routing task sends jason to reviews-v2
// by matching that header.

import { isFlow, runFlow, type Flow } from '../../../core/flow'
import { clfDate, decodeSegment, header, parseCookies, parseUrlEncoded, pathOnly, queryParams } from '../http-util'
import { pyDumps, type Json } from '../json-format'
import type { AppContext, AppModel, AppRequest, AppResponse, Header } from '../types'
import { decodeSession, encodeSession, sessionDeleteCookie, sessionSetCookie } from './flask-session'
import { flaskResponse, INTERNAL_ERROR_PAGE, METHOD_NOT_ALLOWED_PAGE, NOT_FOUND_PAGE, redirectPage } from './flask-responses'
import { productpageForwardHeaders } from './forward-headers'
import { backendHosts, productDetails, productRatings, productReviews, UnparseableUpstream, type CallResult } from './productpage-calls'
import { renderIndexPage, renderProductPage, type Product } from './productpage-html'
import { lineMemo } from '../line-memo'

export const PRODUCTS: Product[] = [{
  id: 0,
  title: 'The Comedy of Errors',
  descriptionHtml: '<a href="https://en.wikipedia.org/wiki/The_Comedy_of_Errors">Wikipedia Summary</a>: The Comedy of Errors is one of <b>William Shakespeare\'s</b> early plays. It is his shortest and one of his most farcical comedies, with a major part of the humour coming from slapstick and mistaken identity, in addition to puns and word play.',
}]

const VARY_COOKIE: Header = ['Vary', 'Cookie']
const JSON_TYPE = 'application/json'

interface Call { req: AppRequest; ctx: AppContext; session: Record<string, string> }

function forward(c: Call): Header[] {
  return productpageForwardHeaders(c.req.headers, c.session.user)
}

function* front(c: Call): Flow<AppResponse> {
  const b = backendHosts(c.ctx.pod.env)
  const fwd = forward(c)
  const [detailsStatus, details] = yield* productDetails(c.ctx, b, '0', fwd)
  const [reviewsStatus, reviews] = yield* productReviews(c.ctx, b, '0', fwd)
  const body = renderProductPage({ user: c.session.user ?? '', product: PRODUCTS[0]!, detailsStatus, details, reviewsStatus, reviews })
  return flaskResponse(c.ctx, { status: 200, body, extra: [VARY_COOKIE] })
}

function login(c: Call): AppResponse {
  const form = (header(c.req.headers, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded') ? parseUrlEncoded(c.req.body) : []
  // request.values: query arguments first, then form fields.
  const user = [...queryParams(c.req), ...form].find(([k]) => k === 'username')?.[1]
  const session: Record<string, string | null> = { ...c.session, user: user ?? null }
  return redirectToReferrer(c, [sessionSetCookie(encodeSession(session, c.ctx.now()))])
}

function logout(c: Call): AppResponse {
  // Flask deletes the cookie only when the session changed and became empty.
  const changed = c.session.user !== undefined
  const rest = Object.keys(c.session).filter((k) => k !== 'user')
  const cookies = changed ? [rest.length ? sessionSetCookie(encodeSession(Object.fromEntries(rest.map((k) => [k, c.session[k]!])), c.ctx.now())) : sessionDeleteCookie()] : []
  return redirectToReferrer(c, cookies)
}

/** redirect(request.referrer): with no Referer, Werkzeug writes the Python value None into Location. */
function redirectToReferrer(c: Call, setCookies: string[]): AppResponse {
  const location = header(c.req.headers, 'referer') ?? 'None'
  const extra: Header[] = [['Location', location], VARY_COOKIE, ...setCookies.map((v): Header => ['Set-Cookie', v])]
  return flaskResponse(c.ctx, { status: 302, body: redirectPage(location), extra })
}

function apiJson(c: Call, [status, value]: CallResult): AppResponse {
  return flaskResponse(c.ctx, { status, body: pyDumps(value as Json), contentType: JSON_TYPE, extra: [VARY_COOKIE] })
}

/** A view: the response, or a flow (core/flow.ts) when it calls a backend. */
type Route = { methods: string[]; run(c: Call, param: string): Flow<AppResponse> | AppResponse }

const FIXED_ROUTES: Record<string, Route> = {
  '/': { methods: ['GET'], run: (c) => flaskResponse(c.ctx, { status: 200, body: renderIndexPage() }) },
  '/health': { methods: ['GET'], run: (c) => flaskResponse(c.ctx, { status: 200, body: 'Product page is healthy' }) },
  '/login': { methods: ['POST'], run: login },
  '/logout': { methods: ['GET'], run: logout },
  '/productpage': { methods: ['GET'], run: front },
  '/api/v1/products': { methods: ['GET'], run: (c) => flaskResponse(c.ctx, { status: 200, body: pyDumps(PRODUCTS as unknown as Json), contentType: JSON_TYPE }) },
}

/** `/api/v1/products/<id>[/reviews|/ratings]`: one backend call, its answer as JSON. */
function apiRoute(call: typeof productDetails): Route {
  return { methods: ['GET'], run: (c, id) => apiCall(c, call, id) }
}

function* apiCall(c: Call, call: typeof productDetails, id: string): Flow<AppResponse> {
  return apiJson(c, yield* call(c.ctx, backendHosts(c.ctx.pod.env), id, forward(c)))
}

const API_DETAILS = apiRoute(productDetails)
const API_REVIEWS = apiRoute(productReviews)
const API_RATINGS = apiRoute(productRatings)

/** Flask's URL map: exact rules and `<product_id>` segments (no slashes). */
function route(path: string): [Route, string] | undefined {
  const api = /^\/api\/v1\/products\/([^/]+)(\/reviews|\/ratings)?$/.exec(path)
  if (api) {
    const [, id, tail] = api
    return [tail === '/reviews' ? API_REVIEWS : tail === '/ratings' ? API_RATINGS : API_DETAILS, decodeSegment(id!)]
  }
  const r = FIXED_ROUTES[path === '/index.html' ? '/' : path]
  return r ? [r, ''] : undefined
}

function* dispatch(c: Call): Flow<AppResponse> {
  const hit = route(pathOnly(c.req.path))
  if (!hit) return flaskResponse(c.ctx, { status: 404, body: NOT_FOUND_PAGE })
  const [r, param] = hit
  // Flask adds HEAD to GET rules and OPTIONS to every rule.
  const allowed = allowedMethods(r.methods)
  if (c.req.method === 'OPTIONS') return flaskResponse(c.ctx, { status: 200, body: '', extra: [['Allow', allowed.join(', ')]] })
  if (!allowed.includes(c.req.method)) return flaskResponse(c.ctx, { status: 405, body: METHOD_NOT_ALLOWED_PAGE, extra: [['Allow', allowed.join(', ')]] })
  try {
    const view = r.run(c, param)
    return isFlow<AppResponse>(view) ? yield* view : view
  } catch (err) {
    if (!(err instanceof UnparseableUpstream)) throw err
    c.ctx.appendLog(`ERROR:productpage:Exception on ${c.req.path} [${c.req.method}]`)
    return flaskResponse(c.ctx, { status: 500, body: INTERNAL_ERROR_PAGE })
  }
}

/** Flask's allowed methods per route method list (HEAD with GET, OPTIONS always), sorted as its Allow header prints them; a few lists, asked on every request. */
const allowedByMethods = new Map<string, readonly string[]>()

function allowedMethods(methods: readonly string[]): readonly string[] {
  const key = methods.join(' ')
  let allowed = allowedByMethods.get(key)
  if (!allowed) {
    allowed = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].sort()
    if (allowedByMethods.size < 64) allowedByMethods.set(key, allowed)
  }
  return allowed
}

/** Werkzeug's request log line, through Python logging's default format. */
const werkzeugLine = lineMemo((peer: string, when: string, method: string, path: string, status: number) => `INFO:werkzeug:${peer} - - [${when}] "${method} ${path} HTTP/1.1" ${status} -`)

function accessLog(req: AppRequest, ctx: AppContext, status: number): string {
  const when = pythonLogDate(clfDate(ctx.now()))
  const peer = req.sourceIp.includes(':') ? req.sourceIp : `::ffff:${req.sourceIp}`
  return werkzeugLine.line(peer, when, req.method, req.path, status)
}

/** Werkzeug's date from the Common Log Format one; clfDate changes once a second, so the last answer is remembered. */
function pythonLogDate(clf: string): string {
  if (clf !== lastClf.clf) lastClf = { clf, text: clf.replace(/:(\d\d:\d\d:\d\d) \+0000$/, ' $1') }
  return lastClf.text
}

let lastClf = { clf: '', text: '' }

export const productpageApp: AppModel = {
  name: 'productpage',
  ports: [9080],
  listensOn: (port) => port === 9080,
  handle: (req, ctx) => runFlow(respond(req, ctx)),
}

function* respond(req: AppRequest, ctx: AppContext): Flow<AppResponse> {
  const session = decodeSession(parseCookies(req.headers).get('session'))
  const res = yield* dispatch({ req, ctx, session })
  if (req.method === 'HEAD') res.body = ''
  ctx.appendLog(accessLog(req, ctx, res.status))
  return res
}
