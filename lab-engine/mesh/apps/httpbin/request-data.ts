// What both httpbin flavours echo back: query args, body fields, the client address, weighted status choices, delays.
//
// httpbin (postmanlabs/httpbin helpers.get_dict) and go-httpbin (helpers.go)
// agree on the meaning and differ in shape: Python flattens single values to
// strings, Go keeps every value in a list. The shaping lives in each flavour.

import type { Rng } from '../../../core/rng'
import { boundedBody, header, parseUrlEncoded, queryParams } from '../http-util'
import type { Json } from '../json-format'
import type { AppRequest } from '../types'

/** httpbin's own cap on /delay (both flavours: 10 s). */
export const MAX_DELAY_SECONDS = 10
/** Most comma-separated choices /status accepts. */
export const MAX_STATUS_CHOICES = 50

/** Values per name, in first-seen order of names. */
export function groupPairs(pairs: readonly [string, string][]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [k, v] of pairs) {
    const list = out.get(k)
    if (list) list.push(v)
    else out.set(k, [v])
  }
  return out
}

export function queryGroups(req: AppRequest): Map<string, string[]> {
  return groupPairs(queryParams(req))
}

/** The body as the frameworks split it: form fields for urlencoded bodies, JSON when it parses, the raw text. */
export interface BodyFields {
  contentType: string
  form: Map<string, string[]>
  /** The raw body text ('' when a form parser consumed it, as Werkzeug does). */
  data: string
  json: Json
}

export function bodyFields(req: AppRequest, formConsumesData: boolean): BodyFields {
  const contentType = (header(req.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  const body = boundedBody(req)
  const isForm = contentType === 'application/x-www-form-urlencoded'
  const data = isForm && formConsumesData ? '' : body
  let json: Json = null
  try {
    json = data ? (JSON.parse(data) as Json) : null
  } catch {
    json = null
  }
  return { contentType, form: isForm ? groupPairs(parseUrlEncoded(body)) : new Map(), data, json }
}

/** `503:0.5,200` -> [[503, 0.5], [200, 1]]; undefined when any part does not parse. */
export function parseWeightedCodes(spec: string, parseCode: (s: string) => number | undefined): [number, number][] | undefined {
  const parts = spec.split(',')
  if (parts.length > MAX_STATUS_CHOICES) return undefined
  const out: [number, number][] = []
  for (const part of parts) {
    const [code, weight, extra] = part.split(':')
    const c = parseCode(code!)
    const w = weight === undefined ? 1 : Number(weight)
    if (c === undefined || extra !== undefined || !Number.isFinite(w) || weight === '') return undefined
    out.push([c, w])
  }
  return out
}

/** random.uniform(0, total) then bisect on the cumulative weights (httpbin utils.weighted_choice). */
export function weightedChoice(choices: readonly [number, number][], rng: Rng): number {
  const total = choices.reduce((s, [, w]) => s + w, 0)
  const x = rng.next() * total
  let cum = 0
  for (const [code, w] of choices) {
    cum += w
    if (x < cum) return code
  }
  return choices[choices.length - 1]![0]
}

/** Integer parse that accepts what Python's int() and Go's strconv.Atoi both accept: optional sign and digits. */
export function parseIntStrict(s: string): number | undefined {
  return /^\s*[+-]?\d+\s*$/.test(s) ? parseInt(s, 10) : undefined
}
