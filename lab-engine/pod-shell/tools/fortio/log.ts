// fortio.org/log as fortio 1.69 runs inside a container: one JSON object per line on stderr.
//
// fortio.org/log writes JSON when stderr is not a terminal (kubectl exec hands the
// process pipes): `{"ts":<epoch seconds, 6 decimals>,"level":"warn","r":<goroutine>,
// "file":"http_client.go","line":1151,"msg":"Non ok http code","code":503,...}`.
// Levels are Debug..Fatal; JSON names dbug/trace/info/warn/err/crit/fatal. Numbers
// print as Go's %v, strings quoted. File and line numbers are fortio 1.69.x's where
// known from published logs (logger.go:298, scli.go:122, httprunner.go:121,
// periodic.go:581 and 851, http_client.go:172 and 1151); the others are our estimates.

import { goV } from './go-format'
import type { LogLevel } from './flags'

const JSON_LEVEL = ['dbug', 'trace', 'info', 'warn', 'err', 'crit', 'fatal'] as const

export const LEVEL = { debug: 0, verbose: 1, info: 2, warning: 3, error: 4, critical: 5, fatal: 6 } as const

/** Log lines one fortio run may print before the rest are dropped (a 1,000,000-call run of 503s). */
export const MAX_LOG_LINES = 2_000

/** A field; `{ json }` is printed as is (Go errors that marshal as structs, e.g. *net.OpError). */
export type Attr = [string, string | number | boolean | { json: string }]

/** Where a message comes from in fortio's source. */
export interface Site { file: string; line: number }

export const SITES = {
  levelChange: { file: 'logger.go', line: 298 },
  starting: { file: 'scli.go', line: 122 },
  startingTest: { file: 'httprunner.go', line: 121 },
  assumingHttp: { file: 'http_client.go', line: 172 },
  nonOk: { file: 'http_client.go', line: 1151 },
  connectError: { file: 'http_client.go', line: 940 },
  readError: { file: 'http_client.go', line: 1109 },
  deadSocket: { file: 'http_client.go', line: 1101 },
  contentLength: { file: 'http_client.go', line: 1190 },
  lookupError: { file: 'resolve.go', line: 176 },
  threadEnded: { file: 'periodic.go', line: 851 },
  runEnded: { file: 'periodic.go', line: 581 },
  lowering: { file: 'periodic.go', line: 377 },
  errorStatus: { file: 'commonflags.go', line: 254 },
  abortedOnCode: { file: 'httprunner.go', line: 72 },
  behind: { file: 'periodic.go', line: 792 },
  jsonEncode: { file: 'fortio_main.go', line: 601 },
  jsonCreate: { file: 'fortio_main.go', line: 612 },
  jsonWrite: { file: 'fortio_main.go', line: 617 },
} satisfies Record<string, Site>

export class FortioLog {
  private written = 0
  dropped = 0

  constructor(
    private readonly out: { write(s: string): void },
    private readonly nowMs: () => number,
    public level: LogLevel,
  ) {}

  enabled(level: LogLevel): boolean {
    return level >= this.level
  }

  /** One structured line, if `level` is enabled; `r` is the goroutine id (1 for main, threads after). */
  log(level: LogLevel, site: Site, msg: string, attrs: readonly Attr[] = [], r = 1): void {
    if (!this.enabled(level)) return
    if (this.written >= MAX_LOG_LINES) { this.dropped++; return }
    this.written++
    const ts = (Math.floor(this.nowMs() * 1000) / 1e6).toFixed(6)
    let line = `{"ts":${ts},"level":"${JSON_LEVEL[level]}","r":${r},"file":"${site.file}","line":${site.line},"msg":${JSON.stringify(msg)}`
    for (const [k, v] of attrs) line += `,${JSON.stringify(k)}:${fieldValue(v)}`
    this.out.write(line + '}\n')
  }
}

function fieldValue(v: Attr[1]): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goV(v)
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'boolean') return String(v)
  return v.json
}
