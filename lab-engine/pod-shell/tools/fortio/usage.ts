// fortio's usage text, as fortio.org/cli prints it for `fortio help`, `-h` and every usage error.
//
// Shape (fortio.org/cli usage() with CommandBeforeFlags): `Φορτίο <version> usage:`,
// a tab, `fortio command [flags] target` and fortio's paragraph on commands and targets,
// the special arguments line (with argv[0] as typed, e.g. /usr/bin/fortio), `flags:`,
// Go's flag.PrintDefaults listing, then the error message if any. We list the client
// flags the simulator knows (fortio lists its server flags too).

import { printDefaults } from './flags'
import { FORTIO_VERSION } from './version'

const ARGS_HELP = [
  'target',
  'where command is one of: load (load testing), server (starts ui, rest api,',
  ' http-echo, redirect, proxies, tcp-echo, udp-echo and grpc ping servers), ',
  ' tcp-echo (only the tcp-echo server), udp-echo (only udp-echo server),',
  ' report (report only UI server), redirect (only the redirect server),',
  ' proxies (only the -M and -P configured proxies), grpcping (grpc client),',
  ' or curl (single URL debug), or nc (single tcp or udp:// connection),',
  ' or version (prints the full version and build details).',
  'where target is a url (http load tests) or host:port (grpc health test),',
  ' or tcp://host:port (tcp load test), or udp://host:port (udp load test).',
].join('\n')

/** The usage block; `argv0` is the program as invoked, `message` the error line to end with. */
export function usage(argv0: string, message = ''): string {
  return `Φορτίο ${FORTIO_VERSION} usage:\n\tfortio command [flags] ${ARGS_HELP}\nor 1 of the special arguments\n\t${argv0} {help|envhelp|version|buildinfo}\nflags:\n` +
    printDefaults() + (message ? `${message}\n` : '')
}
