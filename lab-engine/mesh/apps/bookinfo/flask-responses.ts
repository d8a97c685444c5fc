// Responses as productpage's Flask 3 / Werkzeug 3 development server writes them: headers, error pages, redirects.
//
// Werkzeug's dev server (app.run, threaded) sends Server and Date first, then
// the app's headers, then `Connection: close`. Its error pages and redirect
// body are Werkzeug's HTTPException and utils.redirect templates.

import { escapeHtml } from './productpage-html'
import { byteLength } from '../http-util'
import { respond } from '../respond'
import { SERVICE_TIMES } from '../service-time'
import type { AppContext, AppResponse, Header } from '../types'

export const WERKZEUG_SERVER = 'Werkzeug/3.1.3 Python/3.13.3'
const HTML = 'text/html; charset=utf-8'

export interface FlaskOut {
  status: number
  body: string
  contentType?: string
  /** Extra headers after Content-Length (Location, Vary, Set-Cookie). */
  extra?: Header[]
}

export function flaskResponse(ctx: AppContext, out: FlaskOut): AppResponse {
  const headers: Header[] = [['Content-Type', out.contentType ?? HTML], ['Content-Length', String(byteLength(out.body))], ...(out.extra ?? []), ['Connection', 'close']]
  return respond(ctx, { status: out.status, body: out.body, headers, server: WERKZEUG_SERVER, profile: SERVICE_TIMES.productpage, dateFirst: true })
}

function errorPage(code: number, title: string, text: string): string {
  return `<!doctype html>\n<html lang=en>\n<title>${code} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`
}

export const NOT_FOUND_PAGE = errorPage(404, 'Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.')
export const METHOD_NOT_ALLOWED_PAGE = errorPage(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.')
export const INTERNAL_ERROR_PAGE = errorPage(500, 'Internal Server Error', 'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.')

/** werkzeug.utils.redirect's body for a 302. */
export function redirectPage(location: string): string {
  const href = escapeHtml(location)
  return `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${href}">${href}</a>. If not, click the link.\n`
}
