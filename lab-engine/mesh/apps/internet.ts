// The simulated internet outside the cluster: which public hosts exist, their fixed addresses, ports and behaviour.
//
// Reachable from pods (subject to the mesh's outboundTrafficPolicy and
// ServiceEntries) and from the learner's terminal. Each host listens on 80
// (http) and 443 (https); what plain http gets is the site's business (a 301
// for CNN, istio.io and GitHub, the page for google and httpbin.org). The
// addresses are stable stand-ins in each operator's real ranges, so `nslookup`
// and `curl -v` output repeats across sessions.

import type { AppModel } from './types'
import { httpbinOrgApp } from './internet/httpbin-org'
import { rawGithubApp } from './internet/raw-github'
import { cnnApp, googleApp, istioIoApp } from './internet/websites'

export interface InternetPort {
  port: number
  scheme: 'http' | 'https'
}

export interface InternetHost {
  hostname: string
  /** IPv4 A records, in the order a resolver returns them. */
  addresses: string[]
  ports: InternetPort[]
  app: AppModel
}

const WEB_PORTS: InternetPort[] = [{ port: 80, scheme: 'http' }, { port: 443, scheme: 'https' }]

/**
 * The address internet servers see as the client for traffic leaving the
 * cluster (the node's NAT) and the learner's machine: 198.51.100.23 (TEST-NET-2,
 * RFC 5737), so httpbin.org's `origin` never shows a real person's address.
 */
export const CLUSTER_PUBLIC_ADDRESS = '198.51.100.23'

export const INTERNET_HOSTS: readonly InternetHost[] = [
  { hostname: 'httpbin.org', addresses: ['52.71.170.232', '3.211.25.126'], ports: WEB_PORTS, app: httpbinOrgApp },
  { hostname: 'edition.cnn.com', addresses: ['151.101.3.5', '151.101.67.5', '151.101.131.5', '151.101.195.5'], ports: WEB_PORTS, app: cnnApp },
  { hostname: 'www.google.com', addresses: ['142.250.72.100'], ports: WEB_PORTS, app: googleApp },
  { hostname: 'istio.io', addresses: ['75.2.60.5'], ports: WEB_PORTS, app: istioIoApp },
  { hostname: 'raw.githubusercontent.com', addresses: ['185.199.108.133', '185.199.109.133', '185.199.110.133', '185.199.111.133'], ports: WEB_PORTS, app: rawGithubApp },
]

/** DNS names are case-insensitive and may end with the root's dot. */
function normalise(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '')
}

/** The public host by name, or undefined (curl: `Could not resolve host`). */
export function internetHost(hostname: string): InternetHost | undefined {
  const name = normalise(hostname)
  return INTERNET_HOSTS.find((h) => h.hostname === name)
}

/** The public host owning an address (curl to a bare IP, or --resolve pins). */
export function internetHostForAddress(ip: string): InternetHost | undefined {
  return INTERNET_HOSTS.find((h) => h.addresses.includes(ip))
}
