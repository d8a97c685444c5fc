// Per-image programs that are not general tools: hostname, python and pilot-agent at their usage level.
//
// The mesh work gives pilot-agent real behaviour; here it answers what it answers
// without a network: version and usage errors. pilot-agent is a cobra program
// (`Error: unknown command "x" for "pilot-agent"`). fortio has its own directory.

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

/** fortio itself lives in ./fortio (load, curl, version, usage); re-exported for existing importers. */
export { FORTIO_VERSION } from './fortio/version'
export { createFortioCommand } from './fortio/fortio'

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
