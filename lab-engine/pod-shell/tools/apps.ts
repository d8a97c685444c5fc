// Per-image programs that are not general tools: hostname and python at their usage level.
//
// pilot-agent (Envoy admin requests) lives in ./envoy-admin; fortio has its own directory.

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

/** pilot-agent lives in ./envoy-admin (request reaches the proxy's admin port); re-exported for existing importers. */
export { pilotAgent, createPilotAgent } from './envoy-admin'
