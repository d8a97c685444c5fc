// Bookinfo ratings (Node.js, ratings.js): the stars each reviewer gave, as JSON.
//
// ratings.js: GET `/ratings/<id>` answers `{"id":0,"ratings":{"Reviewer1":5,"Reviewer2":4}}`
// (v1, in memory); POST stores ratings for the id in memory (v1) or answers 501
// (v2). v2 reads MongoDB or MySQL; those databases are not modelled, so v2
// answers 500 `could not connect to ratings database` as it does when the DB is
// unreachable. It logs `METHOD url` for every request.

import { pathOnly } from '../http-util'
import { respond } from '../respond'
import { SERVICE_TIMES } from '../service-time'
import type { AppContext, AppModel, AppRequest, AppResponse, Header } from '../types'
import { lineMemo } from '../line-memo'

const STATE_KEY = 'ratings.userAdded'
/** Most product ids whose POSTed ratings one pod remembers. */
export const MAX_STORED_RATINGS = 1000

/** Node writes headers given to writeHead as spelled; a body passed to end() after writeHead goes out chunked. */
function nodeText(ctx: AppContext, status: number, body: string): AppResponse {
  return respond(ctx, { status, body, headers: NODE_HEADERS, trailing: NODE_TRAILING, profile: SERVICE_TIMES.ratings, dateBeforeLength: true })
}

/** respond() only reads these lists, so every answer shares them. */
const NODE_HEADERS: Header[] = [['Content-type', 'application/json']]
const NODE_TRAILING: Header[] = [['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=5'], ['Transfer-Encoding', 'chunked']]

const nodeJson = (ctx: AppContext, status: number, value: unknown) => nodeText(ctx, status, JSON.stringify(value))

function stored(ctx: AppContext): Map<number, unknown> | undefined {
  if (!ctx.state) return undefined
  let m = ctx.state.get(STATE_KEY) as Map<number, unknown> | undefined
  if (!m) ctx.state.set(STATE_KEY, (m = new Map()))
  return m
}

function localRatings(ctx: AppContext, id: number): unknown {
  return stored(ctx)?.get(id) ?? { id, ratings: { Reviewer1: 5, Reviewer2: 4 } }
}

/** localRatings as JSON; the built-in ratings of the last product asked for are remembered (every page asks again). */
function localRatingsJson(ctx: AppContext, id: number): string {
  const posted = stored(ctx)?.get(id)
  if (posted !== undefined) return JSON.stringify(posted)
  if (id !== lastBuiltIn.id) lastBuiltIn = { id, text: JSON.stringify(localRatings(ctx, id)) }
  return lastBuiltIn.text
}

let lastBuiltIn = { id: Number.NaN, text: '' }

function onPost(req: AppRequest, ctx: AppContext, id: number, version: string): AppResponse {
  let ratings: unknown
  try {
    ratings = JSON.parse(req.body)
  } catch {
    return nodeJson(ctx, 400, { error: 'please provide valid ratings JSON' })
  }
  if (version === 'v2') return nodeJson(ctx, 501, { error: 'Post not implemented for database backed ratings' })
  const store = stored(ctx)
  if (store && (store.has(id) || store.size < MAX_STORED_RATINGS)) store.set(id, { id, ratings })
  return nodeJson(ctx, 200, store ? localRatings(ctx, id) : { id, ratings })
}

/** parseInt of the path's last segment; the last path's answer is remembered (every page asks for /ratings/0). */
function productIdOf(path: string): number {
  if (path !== lastPath.path) lastPath = { path, id: parseInt(path.split('/').pop() ?? '', 10) }
  return lastPath.id
}

let lastPath = { path: '', id: Number.NaN }

const requestLine = lineMemo((method: string, path: string) => `${method} ${path}`)

/** The ratings app; `imageVersion` is what the image's SERVICE_VERSION defaults to (ratings-v2 images say v2). */
export function ratingsApp(imageVersion: 'v1' | 'v2'): AppModel {
  return {
    name: 'ratings',
    ports: [9080],
    listensOn: (port) => port === 9080,
    handle(req, ctx) {
      ctx.appendLog(requestLine.line(req.method, req.path))
      const version = ctx.pod.env.SERVICE_VERSION ?? imageVersion
      const path = pathOnly(req.path)
      if (path === '/health' && req.method === 'GET') return nodeJson(ctx, 200, { status: 'Ratings is healthy' })
      if (!/^\/ratings\/[0-9]*/.test(path) || (req.method !== 'GET' && req.method !== 'POST')) {
        // httpdispatcher's fallback for an unrouted request: 404 with an empty body.
        return nodeText(ctx, 404, '')
      }
      const id = productIdOf(path)
      if (Number.isNaN(id)) return nodeJson(ctx, 400, { error: 'please provide numeric product ID' })
      if (req.method === 'POST') return onPost(req, ctx, id, version)
      if (version === 'v2') return nodeJson(ctx, 500, { error: 'could not connect to ratings database' })
      return nodeText(ctx, 200, localRatingsJson(ctx, id))
    },
  }
}
