// istioctl dashboard (dash, d) kiali|grafana|jaeger|prometheus: port-forward to the addon and open it in the browser.
//
// istioctl/pkg/dashboard: each addon is found by `app=<name>` in istio-system
// (samples/addons deploy them there); none found is `Error: no Kiali pods found`
// (same for Grafana, Jaeger, Prometheus). Otherwise istioctl prints the local URL
// (kiali http://localhost:20001/kiali, grafana :3000, jaeger :16686, prometheus :9090)
// and forwards until interrupted; Ctrl-C ends it with exit 0 (the sim treats the
// shell's abort signal as that Ctrl-C). Headless (no UiChannel) there is no browser
// to keep a tab open in, so the command prints the URL and returns 0.

import type { DashboardName } from '../core/ui-channel'
import { ISTIO_NAMESPACE } from '../istio/version'
import { flag } from '../kubectl/commands/flags'
import { IstioctlError, type SubContext, type Subcommand } from './context'

interface Addon { title: string; port: number; path: string }

const ADDONS: Record<DashboardName, Addon> = {
  kiali: { title: 'Kiali', port: 20001, path: '/kiali' },
  grafana: { title: 'Grafana', port: 3000, path: '' },
  jaeger: { title: 'Jaeger', port: 16686, path: '' },
  prometheus: { title: 'Prometheus', port: 9090, path: '' },
}

const DASHBOARD_FLAGS = [{ name: 'port', short: 'p', value: true }, { name: 'address', value: true }, { name: 'browser' }, { name: 'ui-port', value: true }]

export const dashboardCommands: Subcommand[] = (Object.keys(ADDONS) as DashboardName[]).map((name) => ({
  path: ['dashboard', name],
  aliases: ['dash', 'd'],
  flags: DASHBOARD_FLAGS,
  run: (ctx: SubContext) => openDashboard(ctx, name),
}))

export const dashboardUsageCommand: Subcommand = {
  path: ['dashboard'],
  aliases: ['dash', 'd'],
  flags: DASHBOARD_FLAGS,
  run(ctx) {
    if (ctx.args.length > 0) throw new IstioctlError(`unknown command "${ctx.args[0]}" for "istioctl dashboard"`)
    ctx.out(`Access to Istio web UIs\n\nUsage:\n  istioctl dashboard [flags]\n  istioctl dashboard [command]\n\nAliases:\n  dashboard, dash, d\n\nAvailable Commands:\n  grafana     Open Grafana web UI\n  jaeger      Open Jaeger web UI\n  kiali       Open Kiali web UI\n  prometheus  Open Prometheus web UI\n`)
    return 0
  },
}

async function openDashboard(ctx: SubContext, name: DashboardName): Promise<number> {
  const addon = ADDONS[name]
  const ns = flag(ctx.flags, 'namespace') ?? ISTIO_NAMESPACE
  const pods = ctx.env.store.list({ kind: 'Pod', namespace: ns, labelSelector: `app=${name}` })
  if (pods.length === 0) throw new IstioctlError(`no ${addon.title} pods found`)
  const port = Number(flag(ctx.flags, 'port') ?? addon.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new IstioctlError(`invalid port: ${flag(ctx.flags, 'port')}`)
  ctx.out(`http://localhost:${port}${addon.path}\n`)
  const ui = ctx.env.ui
  if (!ui) return 0
  ui.emit({ action: 'open-tab', dashboard: name, localPort: port })
  await untilAborted(ctx.shell.signal)
  return 0
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
}
