// HTTP helpers the app models share: header lookup, query/form/cookie parsing, header-name casing, dates, reason phrases.
//
// Each server formats these its own way; the helpers here hold the parts that
// are the same everywhere (RFC 9110 dates, RFC 3986 percent-decoding).

import type { AppRequest, Header } from './types'

/** Longest request body an app reads; more is cut (httpbin's own cap is 1 MiB on go-httpbin). */
export const MAX_APP_BODY_BYTES = 1024 * 1024
/** Most query parameters, form fields or cookies an app parses from one request. */
export const MAX_PARAMS = 200

/** First value of a header (names compared case-insensitively), or undefined. */
export function header(headers: readonly Header[], name: string): string | undefined {
  const n = name.toLowerCase()
  // Lower-casing never shortens a name, so a longer one cannot match: most names skip toLowerCase().
  for (let i = 0; i < headers.length; i++) {
    const k = headers[i]![0]
    if (k.length <= n.length && (k === n || k.toLowerCase() === n)) return headers[i]![1]
  }
  return undefined
}

/** The path without its query string. */
export function pathOnly(path: string): string {
  const q = path.indexOf('?')
  return q < 0 ? path : path.slice(0, q)
}

/** The raw query string (no leading `?`), or '' when none. */
export function rawQuery(path: string): string {
  const q = path.indexOf('?')
  return q < 0 ? '' : path.slice(q + 1)
}

function decodeComponent(s: string): string {
  const plus = s.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(plus)
  } catch {
    return plus
  }
}

/** A percent-decoded path segment; malformed escapes stay as written (servers answer, they do not crash). */
export function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** `a=1&b=2&a=3` as ordered pairs (application/x-www-form-urlencoded rules: + is a space). */
export function parseUrlEncoded(text: string): [string, string][] {
  if (!text) return []
  return text.split('&').filter(Boolean).slice(0, MAX_PARAMS).map((part) => {
    const eq = part.indexOf('=')
    return eq < 0 ? [decodeComponent(part), ''] : [decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))]
  })
}

export function queryParams(req: Pick<AppRequest, 'path'>): [string, string][] {
  return parseUrlEncoded(rawQuery(req.path))
}

/** First value of a query parameter. */
export function queryValue(req: Pick<AppRequest, 'path'>, name: string): string | undefined {
  return queryParams(req).find(([k]) => k === name)?.[1]
}

/** Cookies from every Cookie header, `name=value; other=x` (RFC 6265 section 5.4 joins them with "; "). */
export function parseCookies(headers: readonly Header[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of headers) {
    if (k.length !== 6 || k.toLowerCase() !== 'cookie') continue
    for (const part of v.split(';').slice(0, MAX_PARAMS)) {
      const eq = part.indexOf('=')
      if (eq < 0) continue
      const name = part.slice(0, eq).trim()
      if (name && !out.has(name)) out.set(name, part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'))
    }
  }
  return out
}

/** Python's str.title() as Werkzeug applies it to CGI names: a letter after a non-letter is upper-cased. */
export function pythonTitle(name: string): string {
  let out = ''
  let prevCased = false
  for (const ch of name) {
    const cased = ch.toLowerCase() !== ch.toUpperCase()
    out += cased ? (prevCased ? ch.toLowerCase() : ch.toUpperCase()) : ch
    prevCased = cased
  }
  return out
}

/** Go's textproto.CanonicalMIMEHeaderKey: upper-case the first letter and each letter after a hyphen. */
export function goCanonicalHeader(name: string): string {
  let c = canonical.get(name)
  if (c === undefined) {
    c = name.split('-').map((p) => (p ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : p)).join('-')
    if (canonical.size >= MAX_CANONICAL) canonical.clear()
    canonical.set(name, c)
  }
  return c
}

/** Canonical names already worked out (requests repeat the same few header names). */
const canonical = new Map<string, string>()
const MAX_CANONICAL = 1024

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad2 = (n: number) => String(n).padStart(2, '0')

/** RFC 9110 IMF-fixdate, the Date header's format: `Tue, 24 Nov 2026 20:40:00 GMT`. */
export function httpDate(ms: number): string {
  // The text changes once a second: remember the last second formatted (Date truncates fractional ms).
  const second = Math.floor(Math.trunc(ms) / 1000)
  if (second !== lastDateSecond || Number.isNaN(second)) {
    lastDateSecond = second
    lastDate = imfFixdate(ms)
  }
  return lastDate
}

let lastDateSecond = Number.NaN
let lastDate = ''

function imfFixdate(ms: number): string {
  const d = new Date(ms)
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} GMT`
}

/** Date.prototype.toISOString for an instant (ms), the text up to the seconds kept per second: apps log one per request. */
export function isoTime(ms: number): string {
  const t = Math.trunc(ms) // what Date keeps of a fractional instant
  if (!(t >= 0 && t <= MAX_FOUR_DIGIT_YEAR_MS)) return new Date(ms).toISOString()
  const second = Math.floor(t / 1000)
  if (second !== isoSecond) {
    isoSecond = second
    isoPrefix = new Date(second * 1000).toISOString().slice(0, 20)
  }
  const milli = t - second * 1000
  return `${isoPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`
}

/** 9999-12-31T23:59:59.999Z: past it toISOString writes a six-digit year. */
const MAX_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999
let isoSecond = Number.NaN
let isoPrefix = ''

/** Common Log Format's time: `24/Nov/2026:20:40:00 +0000` (nginx, WEBrick). */
export function clfDate(ms: number): string {
  // The text changes once a second: remember the last second formatted (Date truncates fractional ms).
  const second = Math.floor(Math.trunc(ms) / 1000)
  if (second !== clfSecond || Number.isNaN(second)) {
    clfSecond = second
    clfText = commonLogDate(ms)
  }
  return clfText
}

let clfSecond = Number.NaN
let clfText = ''

function commonLogDate(ms: number): string {
  const d = new Date(ms)
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
}

/** UTF-8 length, what Content-Length counts (counted, not encoded: this runs on every response). */
export function byteLength(body: string): number {
  // Apps answer the same few long bodies over and over (a rendered page, a JSON document): the last few lengths are kept.
  if (body.length < MEMO_LENGTH_FROM) return Buffer.byteLength(body, 'utf8')
  for (let i = 0; i < lengthMemo.length; i += 2) if (lengthMemo[i] === body) return lengthMemo[i + 1] as number
  const n = Buffer.byteLength(body, 'utf8')
  lengthMemo.copyWithin(2, 0, lengthMemo.length - 2)
  lengthMemo[0] = body
  lengthMemo[1] = n
  return n
}

/** Bodies shorter than this are counted each time (cheaper than a lookup). */
const MEMO_LENGTH_FROM = 256
/** [body, length] pairs, newest first (the empty strings of the start never match a remembered length's body). */
const lengthMemo: (string | number)[] = ['', 0, '', 0, '', 0, '', 0]

/** The request body, cut at MAX_APP_BODY_BYTES characters (a safe bound on bytes read). */
export function boundedBody(req: Pick<AppRequest, 'body'>): string {
  return req.body.length > MAX_APP_BODY_BYTES ? req.body.slice(0, MAX_APP_BODY_BYTES) : req.body
}

/** RFC 9110 reason phrases (as Go's http.StatusText and Python's http.HTTPStatus spell them). */
const REASONS: Record<number, string> = {
  100: 'Continue', 101: 'Switching Protocols', 200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information',
  204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found',
  303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request',
  401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required',
  412: 'Precondition Failed', 413: 'Request Entity Too Large', 414: 'Request URI Too Long', 415: 'Unsupported Media Type',
  416: 'Requested Range Not Satisfiable', 417: 'Expectation Failed', 418: "I'm a teapot", 421: 'Misdirected Request',
  422: 'Unprocessable Entity', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
  431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error', 501: 'Not Implemented',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 505: 'HTTP Version Not Supported',
}

/** The reason phrase for a status, '' for codes without one (as Go's StatusText). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? ''
}
