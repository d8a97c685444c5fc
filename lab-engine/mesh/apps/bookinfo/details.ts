// Bookinfo details (Ruby WEBrick, details.rb): the book's publication facts as JSON.
//
// Routes follow details.rb: `/health` and `/details/<id>` (WEBrick mounts match
// the prefix); the last path segment must parse with Ruby's Integer() or the
// answer is 400 `{"error":"please provide numeric product id"}`. Other paths get
// WEBrick's own 404 page. The external book service (ENABLE_EXTERNAL_BOOK_SERVICE,
// details-v2) is not modelled: the local record is served.

import { byteLength, clfDate, pathOnly } from '../http-util'
import { lineMemo } from '../line-memo'
import { respond } from '../respond'
import { SERVICE_TIMES } from '../service-time'
import type { AppContext, AppModel, AppRequest, AppResponse } from '../types'

const WEBRICK = 'WEBrick/1.8.1 (Ruby/3.3.0/2023-12-25)'

/** Ruby's Integer(str): decimal, 0x/0b/0o prefixes and a leading 0 for octal; underscores between digits. */
export function rubyInteger(s: string): number | undefined {
  const t = s.trim().replace(/(\d)_(?=\d)/g, '$1')
  const m = /^([+-]?)(0x[0-9a-f]+|0b[01]+|0o?[0-7]+|[1-9]\d*|0)$/i.exec(t)
  if (!m) return undefined
  const sign = m[1] === '-' ? -1 : 1
  const body = m[2]!.toLowerCase()
  const n = body.startsWith('0x') ? parseInt(body.slice(2), 16)
    : body.startsWith('0b') ? parseInt(body.slice(2), 2)
      : body.startsWith('0o') ? parseInt(body.slice(2), 8)
        : body.length > 1 && body.startsWith('0') ? parseInt(body.slice(1), 8) : parseInt(body, 10)
  return sign * n
}

/** details.rb's get_book_details for the local record. */
export function bookDetails(id: number): Record<string, string | number> {
  return {
    id, author: 'William Shakespeare', year: 1595, type: 'paperback', pages: 200,
    publisher: 'PublisherA', language: 'English', 'ISBN-10': '1234567890', 'ISBN-13': '123-1234567890',
  }
}

/** bookDetails(id) as JSON; the last id's text is remembered (Bookinfo asks for product 0 on every page). */
function bookDetailsJson(id: number): string {
  if (!lastDetails || !Object.is(id, lastDetails.id)) lastDetails = { id, text: JSON.stringify(bookDetails(id)) }
  return lastDetails.text
}

let lastDetails: { id: number; text: string } | undefined

/** WEBrick keeps the app's Content-Type first, then adds Server, Date, Content-Length and Connection. */
function webrick(ctx: AppContext, status: number, body: string, type: string): AppResponse {
  return respond(ctx, {
    status, body, headers: [['Content-Type', type], ['Server', WEBRICK]], dateBeforeLength: true,
    trailing: [['Content-Length', String(byteLength(body))], ['Connection', 'Keep-Alive']], profile: SERVICE_TIMES.details,
  })
}

function json(ctx: AppContext, status: number, value: unknown): AppResponse {
  return webrick(ctx, status, JSON.stringify(value), 'application/json')
}

function notFound(ctx: AppContext, req: AppRequest, path: string): AppResponse {
  const body = `<HTML>\n  <HEAD><TITLE>Not Found</TITLE></HEAD>\n  <BODY>\n    <H1>Not Found</H1>\n    \`${path}' not found.\n    <HR>\n    <ADDRESS>\n     ${WEBRICK} at\n     ${req.host}\n    </ADDRESS>\n  </BODY>\n</HTML>\n`
  return webrick(ctx, 404, body, 'text/html; charset=ISO-8859-1')
}

/** Integer() of the path's last segment; the last path's answer is remembered (every page asks for /details/0). */
function productIdOf(path: string): number | undefined {
  if (path !== lastPath.path) lastPath = { path, id: rubyInteger(path.split('/').filter(Boolean).pop() ?? '') }
  return lastPath.id
}

let lastPath: { path: string; id: number | undefined } = { path: '', id: rubyInteger('') }

/** WEBrick mounts match the mount path itself or anything below it. */
const mounted = (path: string, mount: string) => path === mount || path.startsWith(mount + '/')

/** WEBrick's Common Log Format line. */
const accessLine = lineMemo((ip: string, when: string, method: string, path: string, status: number, size: string) => `${ip} - - [${when}] "${method} ${path} HTTP/1.1" ${status} ${size}`)

function handle(req: AppRequest, ctx: AppContext): AppResponse {
  const path = pathOnly(req.path)
  let res: AppResponse
  if (mounted(path, '/health')) res = json(ctx, 200, { status: 'Details is healthy' })
  else if (mounted(path, '/details')) {
    const id = productIdOf(path)
    res = id === undefined ? json(ctx, 400, { error: 'please provide numeric product id' }) : webrick(ctx, 200, bookDetailsJson(id), 'application/json')
  } else res = notFound(ctx, req, path)
  const size = res.headers.find(([k]) => k === 'Content-Length')?.[1] ?? '-'
  // WEBrick's access log (Common Log Format) goes to stderr, which kubectl logs shows.
  ctx.appendLog(accessLine.line(req.sourceIp, clfDate(ctx.now()), req.method, req.path, res.status, size))
  return res
}

export const detailsApp: AppModel = {
  name: 'details',
  ports: [9080],
  listensOn: (port) => port === 9080,
  handle,
}
