// curl on the learner's terminal: a machine on kind's docker network, outside the cluster.
//
// It has no cluster DNS: only IP literals (e.g. a LoadBalancer's 172.18.255.x
// from cloud-provider-kind), localhost, and wildcard-DNS names that embed an
// IP (nip.io / sslip.io, as tutorials use for ingress hosts) resolve.
// Public names resolve to the simulated internet (mesh/apps/internet.ts); other
// names and cluster names such as `web.default.svc.cluster.local` fail (curl
// exit 6), as they do on a real host outside the cluster.

import { isIpv4 } from '../cluster/dns'
import type { ObjectStore } from '../cluster/store'
import type { CommandSpec } from '../shell/registry'
import { internetHost } from '../mesh/apps/internet'
import { createCurlCommand } from './curl/curl'
import { httpTransportFor } from './network'

/** Names the host can resolve, to IPv4 addresses. */
export function resolveFromHost(name: string): string[] | undefined {
  const query = name.toLowerCase().replace(/\.$/, '')
  if (isIpv4(query)) return [query]
  if (query === 'localhost') return ['127.0.0.1']
  const embedded = /(?:^|\.)(\d{1,3}[.-]\d{1,3}[.-]\d{1,3}[.-]\d{1,3})\.(?:nip\.io|sslip\.io)$/.exec(query)?.[1]?.replace(/-/g, '.')
  if (embedded && isIpv4(embedded)) return [embedded]
  return internetHost(query)?.addresses
}

export function createHostCurl(store: ObjectStore): CommandSpec {
  // Assumption: the learner's terminal is a TTY; the shell does not tell commands when stdout is a pipe.
  return createCurlCommand({ transport: () => httpTransportFor(store), source: { kind: 'host' }, resolve: resolveFromHost, stdoutIsTerminal: true })
}
