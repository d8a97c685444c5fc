// Istio semantics: the checks Istio's validating webhook (validation.istio.io) runs beyond the CRD schema.
//
// Each rule follows istio/istio pkg/config/validation (validation.go) and the
// reference at istio.io/latest/docs/reference/config/; the webhook answers
// `admission webhook "validation.istio.io" denied the request: configuration is invalid: <reason>`,
// several reasons joined as hashicorp/go-multierror prints them.
// Weights: since Istio 1.12 weights are relative (a destination gets
// weight/sum of the traffic), so only an all-zero split is refused.

type Obj = Record<string, unknown>
type Check = (spec: Obj) => string[]

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {})
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const num = (v: unknown): number => (typeof v === 'number' ? v : 0)

/** go's %v for a float64 percentage: 100.5, 150, 1e-05. */
const goFloat = (v: number): string => (Math.abs(v) < 1e-4 && v !== 0 ? v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2') : String(v))

/** istio.io/latest/docs/reference/config/networking/virtual-service/#Percent */
function percentage(p: unknown): string[] {
  if (!isObj(p)) return []
  const v = num(p.value)
  return v < 0 || v > 100 || (v > 0 && v < 0.0001) ? [`percentage ${goFloat(v)} is neither 0.0, nor in range [0.0001, 100.0]`] : []
}

/** agent.ValidateWildcardDomain's empty-name precondition. */
function host(h: unknown): string[] {
  return str(h) === '' ? ['empty domain name not allowed'] : []
}

function destinations(route: unknown): string[] {
  const dests = arr(route)
  const errs = dests.flatMap((d) => {
    if (!isObj(d) || !isObj(d.destination)) return ['destination is required']
    const weight = num(d.weight)
    return [...host(d.destination.host), ...(weight < 0 ? [`weight ${weight} < 0`] : [])]
  })
  const total = dests.reduce<number>((sum, d) => sum + num(obj(d).weight), 0)
  return dests.length > 1 && total === 0 ? [...errs, 'total destination weight = 0'] : errs
}

/** istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection */
function fault(f: unknown): string[] {
  if (!isObj(f)) return []
  if (!isObj(f.abort) && !isObj(f.delay)) return ['HTTP fault injection must have an abort and/or a delay']
  const errs: string[] = []
  if (isObj(f.abort)) {
    errs.push(...percentage(f.abort.percentage))
    const status = f.abort.httpStatus
    if (typeof status === 'number' && (status < 200 || status > 600)) errs.push(`HTTP status ${status} is not in range 200-599`)
  }
  if (isObj(f.delay)) errs.push(...percentage(f.delay.percentage))
  return errs
}

const virtualService: Check = (spec) => {
  const errs = arr(spec.hosts).length === 0 ? ['virtual service must have at least one host'] : []
  for (const http of arr(spec.http)) errs.push(...destinations(obj(http).route), ...fault(obj(http).fault))
  for (const r of [...arr(spec.tcp), ...arr(spec.tls)]) errs.push(...destinations(obj(r).route))
  return errs
}

const destinationRule: Check = (spec) => {
  const errs = host(spec.host)
  const seen = new Set<string>()
  for (const s of arr(spec.subsets)) {
    const name = str(obj(s).name)
    if (name === '') errs.push('subset name cannot be empty')
    else if (seen.has(name)) errs.push(`duplicate subset names: ${name}`)
    seen.add(name)
  }
  return errs
}

/** Istio's ValidatePort. */
function portNumber(n: unknown): string[] {
  return typeof n === 'number' && (n < 1 || n > 65535) ? [`port number ${n} must be in the range 1..65535`] : []
}

const gateway: Check = (spec) => {
  const servers = arr(spec.servers)
  if (servers.length === 0) return ['gateway must have at least one server']
  return servers.flatMap((s) => [
    ...(isObj(obj(s).port) ? portNumber(obj(obj(s).port).number) : ['port is required']),
    ...(arr(obj(s).hosts).length === 0 ? ['server config must contain at least one host'] : []),
  ])
}

/** istio.io/latest/docs/reference/config/networking/service-entry/ */
const serviceEntry: Check = (spec) => [
  ...(arr(spec.hosts).length === 0 ? ['service entry must have at least one host'] : []),
  ...arr(spec.ports).flatMap((p) => portNumber(obj(p).number)),
]

function enumValue(value: unknown, allowed: readonly string[], goEnum: string): string[] {
  return value === undefined || allowed.includes(str(value)) ? [] : [`unknown value ${JSON.stringify(value)} for enum ${goEnum}`]
}

const MTLS_MODES = ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'] as const
const peerAuthentication: Check = (spec) => {
  const modes = [obj(spec.mtls).mode, ...Object.values(obj(spec.portLevelMtls)).map((m) => obj(m).mode)]
  return modes.flatMap((m) => enumValue(m, MTLS_MODES, 'istio.security.v1beta1.PeerAuthentication_MutualTLS_Mode'))
}

const ACTIONS = ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'] as const
/** istio.io/latest/docs/reference/config/security/authorization-policy/#Rule */
const authorizationPolicy: Check = (spec) => {
  const errs = enumValue(spec.action, ACTIONS, 'istio.security.v1beta1.AuthorizationPolicy_Action')
  arr(spec.rules).forEach((rule, i) => {
    if (!isObj(rule)) return void errs.push(`\`rule\` must not be nil, found at rule ${i}`)
    errs.push(...ruleParts(rule.from, 'from', 'source', i), ...ruleParts(rule.to, 'to', 'operation', i))
  })
  return errs
}

function ruleParts(list: unknown, field: string, inner: string, i: number): string[] {
  if (list === undefined) return []
  if (arr(list).length === 0) return [`\`${field}\` must not be empty, found at rule ${i}`]
  return arr(list).flatMap((item) => {
    const part = obj(item)[inner]
    if (!isObj(part)) return [`\`${field}.${inner}\` must not be nil, found at rule ${i}`]
    return Object.values(part).some((v) => arr(v).length > 0) ? [] : [`\`${field}.${inner}\` must not be empty, found at rule ${i}`]
  })
}

const requestAuthentication: Check = (spec) => arr(spec.jwtRules).flatMap((r) => (str(obj(r).issuer) === '' ? ['issuer must be set'] : []))

const CHECKS: Record<string, Check> = {
  'networking.istio.io/VirtualService': virtualService,
  'networking.istio.io/DestinationRule': destinationRule,
  'networking.istio.io/Gateway': gateway,
  'networking.istio.io/ServiceEntry': serviceEntry,
  'security.istio.io/PeerAuthentication': peerAuthentication,
  'security.istio.io/AuthorizationPolicy': authorizationPolicy,
  'security.istio.io/RequestAuthentication': requestAuthentication,
}

/** The webhook's reasons for refusing obj; empty when it would admit it (or has no rule for the kind). */
export function istioSemanticErrors(o: Record<string, unknown>): string[] {
  const group = str(o.apiVersion).split('/')[0]
  const check = CHECKS[`${group}/${str(o.kind)}`]
  return check ? check(obj(o.spec)) : []
}

/** The webhook's denial text; several reasons print as go-multierror's list. */
export function istioWebhookMessage(errors: readonly string[]): string {
  const reason = errors.length === 1 ? errors[0] : `${errors.length} errors occurred:\n${errors.map((e) => `\t* ${e}`).join('\n')}`
  return `admission webhook "validation.istio.io" denied the request: configuration is invalid: ${reason}`
}
