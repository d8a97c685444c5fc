// Transport security of one connection: what the client side sends and whether the server side accepts it.
//
// Follows Istio's "Mutual TLS Migration" and "Authentication Policy" tasks
// (foo/bar with sidecars, legacy without):
// - a sidecar client uses the DestinationRule's tls.mode when one sets it;
//   otherwise auto mTLS: ISTIO_MUTUAL to a destination with a sidecar, plain
//   text to one without ("Auto mutual TLS"), and plain text when the
//   destination's namespace/mesh PeerAuthentication is DISABLE (istiod
//   BestEffortInferServiceMTLSMode) or its endpoint's effective mode for the
//   port is DISABLE (istiod's EDS mtlsChecker marks such endpoints plain text;
//   the Authentication Policy task shows sleep.foo to httpbin.bar: 200 after
//   port-level DISABLE);
// - a server sidecar in STRICT accepts only mTLS; PERMISSIVE accepts both;
//   DISABLE accepts plain text; a pod without a sidecar only speaks its app's protocol.
// Outcomes: "sleep.legacy to httpbin.foo: 000 / command terminated with exit
// code 56" for a plain-text client against STRICT (curl: `Recv failure:
// Connection reset by peer`); 503 from the client sidecar when it is forced to
// plain text against STRICT (Envoy: `reset reason: connection termination`);
// 503 when it originates TLS to something that does not answer TLS (Envoy's
// transport failure reason carries BoringSSL's error, e.g. WRONG_VERSION_NUMBER).

import { createHash } from 'node:crypto'
import { DEFAULT_TRUST_DOMAIN, principalOf, spiffeId, type ClientTlsMode, type MtlsMode } from './types'

export interface TransportPeer {
  /** An istio-proxy container runs in the pod. */
  readonly sidecar: boolean
  readonly namespace: string
  readonly serviceAccount: string
}

export interface TransportServer extends TransportPeer {
  /** Mode the server enforces on this workload port (peerAuthenticationModeFor); PERMISSIVE when absent; ignored without a sidecar. */
  readonly mode?: MtlsMode
  /** The app itself terminates TLS on the port (an https server); default false. */
  readonly appServesTls?: boolean
}

export interface TransportInput {
  readonly client: TransportPeer
  readonly server: TransportServer
  /** trafficPolicy.tls.mode of the DestinationRule (subset/port level already resolved), if any sets one. */
  readonly destinationRuleTls?: ClientTlsMode
  /** What the client can infer about the server for auto mTLS (inferNamespaceMode). */
  readonly inferredServerMode?: MtlsMode
  /** meshConfig.enableAutoMtls, true by default since Istio 1.5. */
  readonly autoMtls?: boolean
  readonly trustDomain?: string
}

/** How the client's mode was chosen, for the decision trace. */
export type ClientModeSource = 'destination-rule' | 'auto-mtls' | 'no-sidecar'

interface Common {
  /** `NONE`: a client without a sidecar sends whatever its app sends. */
  readonly clientMode: ClientTlsMode | 'NONE'
  readonly clientModeSource: ClientModeSource
  readonly serverMode: MtlsMode | 'NO_SIDECAR'
  /** One sentence for the decision trace. */
  readonly explanation: string
}

/** The connection carries the request. */
export interface TransportEstablished extends Common {
  readonly outcome: 'mtls' | 'plaintext' | 'tls'
  /** The destination reporter's connection_security_policy label (Istio standard metrics). */
  readonly connectionSecurityPolicy: 'mutual_tls' | 'none'
  /** Client identity the server sees under mTLS: spiffe://<td>/ns/<ns>/sa/<sa>. */
  readonly peerPrincipal?: string
  /** The same without the scheme: what AuthorizationPolicy `principals` and `source.principal` match. */
  readonly sourcePrincipal?: string
  /** Server identity under mTLS (the response's peer for the client). */
  readonly serverPrincipal?: string
  /** x-forwarded-client-cert the server sidecar adds to the request under mTLS. */
  readonly xfcc?: string
}

/** A client without a sidecar reaches a STRICT server: the server sidecar resets the connection. */
export interface TransportReset extends Common {
  readonly outcome: 'connection-reset'
  readonly httpCode: 0
  readonly curlExitCode: 56
  readonly curlError: 'Recv failure: Connection reset by peer'
}

/** The client sidecar fails to get a response upstream and answers 503 itself. */
export interface TransportUpstreamFailure extends Common {
  readonly outcome: 'upstream-failure'
  readonly status: 503
  readonly resetReason: 'connection termination' | 'remote connection failure'
  readonly transportFailureReason?: string
  /** Envoy response flag: UC (upstream connection termination) or UF (upstream connection failure). */
  readonly responseFlag: 'UC' | 'UF'
  /** A connect failure, which Istio's default retry policy (retryOn connect-failure, 2 attempts) retries. */
  readonly retriable: boolean
  /** The body assuming Istio's default retry policy; use upstreamResetBody for others. */
  readonly body: string
}

export type TransportDecision = TransportEstablished | TransportReset | TransportUpstreamFailure

const MTLS_DOC = 'Istio Mutual TLS Migration task'

/** BoringSSL errors as Envoy prints them in `transport failure reason`. */
export const TLS_WRONG_VERSION = 'TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end:TLS_error_end'
export const TLS_HANDSHAKE_FAILURE = 'TLS_error:|268436496:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE:TLS_error_end:TLS_error_end'
export const TLS_VERIFY_FAILED = 'TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end:TLS_error_end'

/** Envoy router's local reply for a reset before response headers (`retried and the latest` after a retry). */
export function upstreamResetBody(resetReason: string, transportFailureReason?: string, retried = false): string {
  const tail = transportFailureReason ? `, transport failure reason: ${transportFailureReason}` : ''
  return `upstream connect error or disconnect/reset before headers. ${retried ? 'retried and the latest ' : ''}reset reason: ${resetReason}${tail}`
}

/** The client side's mode and why (see the file comment). */
export function clientTlsMode(input: TransportInput): { mode: ClientTlsMode | 'NONE'; source: ClientModeSource } {
  if (!input.client.sidecar) return { mode: 'NONE', source: 'no-sidecar' }
  if (input.destinationRuleTls) return { mode: input.destinationRuleTls, source: 'destination-rule' }
  const { server } = input
  const auto = input.autoMtls !== false && server.sidecar && input.inferredServerMode !== 'DISABLE' && server.mode !== 'DISABLE'
  return { mode: auto ? 'ISTIO_MUTUAL' : 'DISABLE', source: 'auto-mtls' }
}

/** Decides the transport for one connection (client sidecar -> server sidecar/app). */
export function decideTransport(input: TransportInput): TransportDecision {
  const { mode, source } = clientTlsMode(input)
  const serverMode = input.server.sidecar ? (input.server.mode ?? 'PERMISSIVE') : 'NO_SIDECAR'
  const base = { clientMode: mode, clientModeSource: source, serverMode } as const
  if (mode === 'NONE' || mode === 'DISABLE') return plaintext(input, base)
  if (mode === 'ISTIO_MUTUAL') return istioMutual(input, base)
  return originatedTls(input, base)
}

type Base = Pick<Common, 'clientMode' | 'clientModeSource' | 'serverMode'>

function plaintext(input: TransportInput, base: Base): TransportDecision {
  if (base.serverMode !== 'STRICT') {
    const why = base.serverMode === 'NO_SIDECAR' ? 'the server has no sidecar' : `the server sidecar is ${base.serverMode}`
    return established(input, base, 'plaintext', `plain text accepted: ${why} (${MTLS_DOC})`)
  }
  if (base.clientMode === 'NONE') {
    return { ...base, outcome: 'connection-reset', httpCode: 0, curlExitCode: 56, curlError: 'Recv failure: Connection reset by peer',
      explanation: `a client without a sidecar sent plain text to a STRICT server; its sidecar reset the connection (${MTLS_DOC})` }
  }
  return failure(base, 'connection termination', undefined,
    `the client sidecar sent plain text (DestinationRule tls DISABLE) to a STRICT server, which closed the connection (Istio Authentication Policy task)`)
}

function istioMutual(input: TransportInput, base: Base): TransportDecision {
  if (base.serverMode === 'STRICT' || base.serverMode === 'PERMISSIVE') {
    return established(input, base, 'mtls', `mutual TLS between sidecars; the server is ${base.serverMode} (${MTLS_DOC})`)
  }
  if (base.serverMode === 'NO_SIDECAR' && input.server.appServesTls) {
    return failure(base, 'remote connection failure', TLS_VERIFY_FAILED,
      'ISTIO_MUTUAL toward a TLS app without a sidecar: its certificate is not a mesh identity')
  }
  const why = base.serverMode === 'NO_SIDECAR' ? 'a pod without a sidecar' : 'a sidecar with mTLS DISABLE'
  return failure(base, 'remote connection failure', TLS_WRONG_VERSION,
    `the client sidecar originated mTLS (ISTIO_MUTUAL) toward ${why}, which answered in plain text (Istio Authentication Policy task: 503)`)
}

/** SIMPLE / MUTUAL: TLS with the user's settings; a STRICT sidecar demands the mesh's client certificate. */
function originatedTls(input: TransportInput, base: Base): TransportDecision {
  if (base.serverMode === 'STRICT') {
    return failure(base, 'remote connection failure', TLS_HANDSHAKE_FAILURE,
      `${base.clientMode} TLS is not Istio mTLS: the STRICT server sidecar rejected the handshake`)
  }
  if (input.server.appServesTls) {
    return established(input, base, 'tls', `${base.clientMode} TLS originated by the client sidecar, terminated by the app`)
  }
  return failure(base, 'remote connection failure', TLS_WRONG_VERSION,
    `${base.clientMode} TLS originated toward an app that speaks plain text`)
}

function failure(base: Base, resetReason: TransportUpstreamFailure['resetReason'], tfr: string | undefined, explanation: string): TransportUpstreamFailure {
  const retriable = resetReason === 'remote connection failure'
  return {
    ...base, outcome: 'upstream-failure', status: 503, resetReason, responseFlag: retriable ? 'UF' : 'UC', retriable,
    body: upstreamResetBody(resetReason, tfr, retriable), explanation, ...(tfr ? { transportFailureReason: tfr } : {}),
  }
}

function established(input: TransportInput, base: Base, outcome: TransportEstablished['outcome'], explanation: string): TransportEstablished {
  // Explicit properties, not `...base`: spreading into a literal with new keys is slow on Node 20 and this runs per connection.
  const common = { clientMode: base.clientMode, clientModeSource: base.clientModeSource, serverMode: base.serverMode, outcome, explanation }
  if (outcome !== 'mtls') return { ...common, connectionSecurityPolicy: 'none' }
  const td = input.trustDomain ?? DEFAULT_TRUST_DOMAIN
  const { client, server } = input
  const peerPrincipal = spiffeId(client.namespace, client.serviceAccount, td)
  const serverPrincipal = spiffeId(server.namespace, server.serviceAccount, td)
  return {
    clientMode: base.clientMode, clientModeSource: base.clientModeSource, serverMode: base.serverMode, outcome, explanation,
    connectionSecurityPolicy: 'mutual_tls', peerPrincipal, serverPrincipal,
    sourcePrincipal: principalOf(client.namespace, client.serviceAccount, td), xfcc: xfccValue(serverPrincipal, peerPrincipal),
  }
}

/**
 * The connection_security_policy metric label for one reporter. Istio
 * "Standard Metrics": mutual_tls when the destination reports an mTLS
 * request, none for plain text, and unknown whenever the source reports
 * (the client cannot know the server's policy).
 */
export function connectionSecurityPolicyLabel(decision: TransportDecision, reporter: 'source' | 'destination'): 'mutual_tls' | 'none' | 'unknown' {
  if (reporter === 'source') return 'unknown'
  return decision.outcome === 'mtls' ? 'mutual_tls' : 'none'
}

/**
 * x-forwarded-client-cert as the Authentication Policy task shows it:
 * `By=<server>;Hash=<sha256 of the client cert>;Subject="";URI=<client>`.
 * The sim has no certificates: the hash is a stable digest of the client identity.
 */
const certHashes = new Map<string, string>()

export function xfccValue(serverPrincipal: string, clientPrincipal: string): string {
  let hash = certHashes.get(clientPrincipal)
  if (!hash) {
    if (certHashes.size > 10_000) certHashes.clear()
    certHashes.set(clientPrincipal, (hash = createHash('sha256').update(`cert:${clientPrincipal}`).digest('hex')))
  }
  return `By=${serverPrincipal};Hash=${hash};Subject="";URI=${clientPrincipal}`
}
