// Per-image programs that are not general tools: hostname, python, fortio and pilot-agent at their usage level.
//
// The mesh work gives fortio and pilot-agent real behaviour; here they answer
// what they answer without a network: version and usage errors.
// Wording: fortio 1.69's `fortio` without a command prints its usage and exits 1;
// pilot-agent is a cobra program (`Error: unknown command "x" for "pilot-agent"`).

import type { CommandSpec } from '../../shell/registry'

export function createHostname(name: string, ip: string): CommandSpec {
  return {
    name: 'hostname',
    run(ctx) {
      const arg = ctx.argv[1]
      if (arg === '-i' || arg === '-I') { ctx.stdout.write(`${ip}\n`); return 0 }
      if (arg !== undefined && arg.startsWith('-')) { ctx.stderr.write(`hostname: invalid option -- '${arg.slice(1)}'\n`); return 1 }
      if (arg !== undefined) { ctx.stderr.write('hostname: you must be root to change the host name\n'); return 1 }
      ctx.stdout.write(`${name}\n`)
      return 0
    },
  }
}

export const FORTIO_VERSION = '1.69.0'

const FORTIO_USAGE = `Φορτίο ${FORTIO_VERSION} usage:
        fortio command [flags] target
where command is one of: load (load testing), server (starts ui, rest api,
 http-echo, redirect, proxies, tcp-echo, udp-echo and grpc ping servers),
 tcp-echo (only the tcp-echo server), report (report only UI server),
 redirect (only the redirect server), proxies (only the -M and -P configured proxies),
 grpcping (grpc client), or curl (single URL debug), or nc (single tcp or udp:// connection),
 or version (prints the full version and build details).
where target is a url (http load tests) or host:port (grpc health test),
 or tcp://host:port (tcp load test), or udp://host:port (udp load test).
`

export const fortio: CommandSpec = {
  name: 'fortio',
  run(ctx) {
    const [command, ...rest] = ctx.argv.slice(1)
    if (command === 'version') { ctx.stdout.write(`${FORTIO_VERSION}\n`); return 0 }
    if (command === undefined || !['load', 'curl', 'server', 'grpcping', 'nc', 'report'].includes(command)) {
      ctx.stderr.write(FORTIO_USAGE)
      return 1
    }
    const targets = rest.filter((a, i) => !a.startsWith('-') && !(rest[i - 1]?.startsWith('-') && !rest[i - 1]!.includes('=')))
    if ((command === 'load' || command === 'curl') && targets.length === 0) {
      ctx.stderr.write(`Error: fortio ${command} needs a url or destination\n`)
      return 1
    }
    // Load generation is the mesh's work; without a data plane a target cannot be reached.
    ctx.stderr.write(`Aborting because of error for ${targets[0] ?? command}: connection refused\n`)
    return 1
  },
}

export const python: CommandSpec = {
  name: 'python',
  run(ctx) {
    if (ctx.argv[1] === '--version' || ctx.argv[1] === '-V') { ctx.stdout.write('Python 3.12.4\n'); return 0 }
    ctx.stderr.write(`${ctx.argv[0]}: interactive and script execution are not available in this simulated container\n`)
    return 2
  },
}

export const pilotAgent: CommandSpec = {
  name: 'pilot-agent',
  run(ctx) {
    const command = ctx.argv[1]
    if (command === undefined || command === 'help' || command === '--help') {
      ctx.stdout.write('Istio Pilot agent runs in the sidecar or gateway container and bootstraps Envoy.\n\nUsage:\n  pilot-agent [command]\n\nAvailable Commands:\n  completion    Generate the autocompletion script for the specified shell\n  help          Help about any command\n  istio-iptables Set up iptables rules for Istio Sidecar\n  proxy         XDS proxy agent\n  request       Makes an HTTP request to the Envoy admin API\n  version       Prints out build version information\n')
      return 0
    }
    if (command === 'version') { ctx.stdout.write('1.26.0\n'); return 0 }
    if (command === 'request') {
      if (ctx.argv.length < 4) { ctx.stderr.write('Error: requires at least 2 arg(s), only received ' + Math.max(0, ctx.argv.length - 2) + '\n'); return 1 }
      ctx.stderr.write('Error: failed to make request: connection refused\n')
      return 1
    }
    ctx.stderr.write(`Error: unknown command "${command}" for "pilot-agent"\nRun 'pilot-agent --help' for usage.\n`)
    return 1
  },
}
