// Which programs each container image has: one table, first match wins, matched on the image's repository.
//
// Follows the images themselves: curlimages/curl is Alpine (BusyBox sh, wget,
// nslookup) plus curl; nginx's Debian image installs curl alongside
// gettext-base; the Bookinfo ratings image has curl (Istio's Bookinfo page runs
// `kubectl exec <ratings pod> -c ratings -- curl productpage:9080`), the other
// Bookinfo images have bash but no curl (productpage has python); istio/proxyv2
// is Ubuntu-based with curl and pilot-agent (istio/pilot shares that base); fortio/fortio is a scratch image
// holding only `fortio`; mccutchen/go-httpbin is distroless (no shell at all).

import { imageRepository } from '../cluster/log-seeds'

export interface ImageProfile {
  /** argv[0] basenames that exist in the image (the shell itself included). */
  programs: readonly string[]
  /** BusyBox's sh says `sh: x: not found`; bash says `bash: x: command not found`. */
  shell: 'busybox' | 'bash' | 'none'
}

/** What every image with a shell has from coreutils/BusyBox. */
const BASE = ['sh', 'cat', 'ls', 'echo', 'env', 'printenv', 'hostname', 'sleep', 'printf', 'grep', 'head', 'tail', 'wc', 'cut', 'tr', 'sort', 'uniq', 'tee', 'mkdir', 'rm', 'cp', 'seq', 'base64', 'true', 'false', 'test', '[', 'pwd', 'cd', 'export', 'unset', 'read', ':', 'which']
const BUSYBOX = [...BASE, 'wget', 'nslookup']
const DEBIAN = [...BASE, 'bash']

interface ImageRule { match: RegExp; profile: ImageProfile }

const RULES: readonly ImageRule[] = [
  { match: /^curlimages\/curl$/, profile: { programs: [...BUSYBOX, 'curl'], shell: 'busybox' } },
  { match: /(^|\/)(busybox|alpine)$/, profile: { programs: BUSYBOX, shell: 'busybox' } },
  { match: /(^|\/)(dnsutils|netshoot)$/, profile: { programs: [...DEBIAN, 'curl', 'nslookup', 'dig'], shell: 'bash' } },
  { match: /(^|\/)pilot$/, profile: { programs: [...DEBIAN, 'curl'], shell: 'bash' } },
  { match: /(^|\/)proxyv2$/, profile: { programs: [...DEBIAN, 'curl', 'pilot-agent'], shell: 'bash' } },
  { match: /^fortio\/fortio$/, profile: { programs: ['fortio'], shell: 'none' } },
  { match: /go-httpbin$/, profile: { programs: ['go-httpbin'], shell: 'none' } },
  { match: /examples-bookinfo-productpage/, profile: { programs: [...DEBIAN, 'python', 'python3'], shell: 'bash' } },
  { match: /examples-bookinfo-ratings/, profile: { programs: [...DEBIAN, 'curl', 'node'], shell: 'bash' } },
  { match: /examples-bookinfo-/, profile: { programs: DEBIAN, shell: 'bash' } },
  { match: /(^|\/)nginx$/, profile: { programs: [...DEBIAN, 'curl'], shell: 'bash' } },
  { match: /(^|\/)(ubuntu|debian|httpd)$/, profile: { programs: DEBIAN, shell: 'bash' } },
]

/** Unknown images: assume a Debian-like base with a shell and no network tools, the common case. */
const DEFAULT_PROFILE: ImageProfile = { programs: DEBIAN, shell: 'bash' }

export function imageProfile(image: string): ImageProfile {
  const repo = imageRepository(image)
  return RULES.find((r) => r.match.test(repo))?.profile ?? DEFAULT_PROFILE
}
