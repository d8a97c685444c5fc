// nslookup as the pod sees it: answers from cluster DNS through the pod's search path, in BIND's output shape.
//
// Output follows bind9's nslookup (the dnsutils image the Kubernetes DNS
// debugging page uses): `Server:\t\t10.96.0.10`, `Address:\t10.96.0.10#53`, then
// `Name:\t<fqdn>` / `Address: <ip>` per record, or `** server can't find x: NXDOMAIN`
// and exit 1. BusyBox's nslookup (Alpine images) writes the server as `10.96.0.10:53`.
// Assumption: both print one NXDOMAIN line for the name as typed.

import type { DnsAnswer } from '../../cluster/dns'
import { NAMESERVER_IP } from '../../cluster/dns'
import type { CommandSpec } from '../../shell/registry'

export function createNslookup(resolve: (name: string) => DnsAnswer, flavour: 'bind' | 'busybox' = 'bind'): CommandSpec {
  return {
    name: 'nslookup',
    run(ctx) {
      const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'))
      if (names.length === 0) {
        ctx.stderr.write('Usage: nslookup [-option] [name | -] [server]\n')
        return 1
      }
      const answer = resolve(names[0]!)
      ctx.stdout.write(`Server:\t\t${NAMESERVER_IP}\nAddress:\t${NAMESERVER_IP}${flavour === 'busybox' ? ':' : '#'}53\n\n`)
      if (answer.kind === 'nxdomain') {
        ctx.stdout.write(`** server can't find ${names[0]}: NXDOMAIN\n\n`)
        return 1
      }
      ctx.stdout.write(answer.addresses.map((ip) => `Name:\t${answer.name}\nAddress: ${ip}\n`).join('') + '\n')
      return 0
    },
  }
}
