// kubectl get -w / --watch / --watch-only: after the list, one printed row per change to a matching object.
//
// Follows k8s.io/kubectl/pkg/cmd/get/get.go (watch): each event prints the
// object's row through cli-runtime's tabwriter with RememberWidths, so columns
// keep the widest width seen so far (the header's included) and only grow;
// the header is printed once (with the first row under --watch-only);
// a deleted object prints its last state. A real watch runs until Ctrl-C. Here:
// in real-time sessions until the command's signal aborts (exit 130, as after
// SIGINT); in virtual sessions (scripts, grading) simulated time runs for at
// most WATCH_CAP_MS or until no timer is pending, then the command exits 0.

import { matches, parseSelector } from '../../cluster/label-selector'
import type { KubeObject, WatchEvent } from '../../cluster/types'
import { printObjects, type OutputFormat, type PrintOptions } from '../printers'
import type { VerbContext } from './context'
import { objectRef, type ResourceRequest } from './resource-args'

/** Simulated time a virtual-mode watch may cover. */
export const WATCH_CAP_MS = 30_000
/** Rows printed before a watch stops on its own, whatever the mode. */
export const MAX_WATCH_ROWS = 5_000
/** Timer firings a virtual watch steps through at most (timers due at the same instant included). */
const MAX_WATCH_STEPS = 10_000
/** Real-time sessions check the signal at least this often. */
const REALTIME_TICK_MS = 1_000

export interface WatchRequest {
  requests: ResourceRequest[]
  format: OutputFormat
  print: PrintOptions
  /** The initial table already printed its header. */
  headerShown: boolean
  /** The initial table's text, whose column widths later rows remember. */
  initialTable: string
  namespace: string | undefined
  selector: string | undefined
}

export async function watchChanges(ctx: VerbContext, w: WatchRequest): Promise<number> {
  const selector = w.selector === undefined ? undefined : parseSelector(w.selector)
  let headerShown = w.headerShown
  let rows = 0
  const table = new RememberedWidths()
  if (w.format.type === 'table') table.align(w.initialTable)
  const wanted = (o: KubeObject) => w.requests.some(({ info, names }) =>
    o.kind === info.kind && o.apiVersion.split('/')[0] === objectRef(info, '', '').apiVersion.split('/')[0]
    && (names.length === 0 || names.includes(o.metadata.name))
    && (!info.namespaced || w.namespace === undefined || o.metadata.namespace === w.namespace)
    && (!selector || matches(selector, o.metadata.labels)))
  const onEvent = (e: WatchEvent) => {
    if (rows >= MAX_WATCH_ROWS || !wanted(e.object)) return
    const printed = printObjects([e.object], w.format, { ...w.print, now: ctx.env.clock.now(), noHeaders: headerShown || w.print.noHeaders, singleItem: true })
    ctx.out(w.format.type === 'table' ? table.align(printed.stdout) : printed.stdout)
    headerShown = true
    rows++
  }
  const subscriptions = w.requests.map(({ info }) => ctx.env.store.watch(onEvent, { kind: info.kind }))
  try {
    return ctx.env.mode === 'virtual' ? await runVirtual(ctx, () => rows >= MAX_WATCH_ROWS) : await runRealtime(ctx, () => rows >= MAX_WATCH_ROWS)
  } finally {
    subscriptions.forEach((s) => s.dispose())
  }
}

/** Lets simulated time run to each pending timer, up to the cap. */
async function runVirtual(ctx: VerbContext, full: () => boolean): Promise<number> {
  const { clock } = ctx.env
  const end = clock.now() + WATCH_CAP_MS
  for (let step = 0; step < MAX_WATCH_STEPS && !full(); step++) {
    const next = clock.snapshot().timers[0]?.at
    if (next === undefined || next > end) break
    await ctx.shell.clock.sleep(Math.max(0, next - clock.now()), ctx.shell.signal)
  }
  return 0
}

async function runRealtime(ctx: VerbContext, full: () => boolean): Promise<number> {
  try {
    while (!full() && !ctx.shell.signal.aborted) await ctx.shell.clock.sleep(REALTIME_TICK_MS, ctx.shell.signal)
  } catch (e) {
    if (!ctx.shell.signal.aborted) throw e
  }
  return ctx.shell.signal.aborted ? 130 : 0
}

/**
 * Column widths that only grow, as text/tabwriter's RememberWidths keeps them across flushes.
 * Cells are recovered from aligned text by its 3-space padding; cells themselves hold at most single spaces.
 */
export class RememberedWidths {
  private readonly widths: number[] = []

  align(text: string): string {
    const rows = text.split('\n').filter((l) => l !== '').map((l) => l.split(/ {3,}/))
    for (const row of rows) row.slice(0, -1).forEach((cell, i) => { this.widths[i] = Math.max(this.widths[i] ?? 0, [...cell].length + 3) })
    return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(this.widths[i]! + cell.length - [...cell].length))).join('') + '\n').join('')
  }
}
