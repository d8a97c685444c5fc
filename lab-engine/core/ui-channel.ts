// UI channel: how shell commands ask the learner's browser to do something (DESIGN.md, EngineEvent `ui`).
//
// `kubectl edit` opens the object in the workbench editor and waits for the save;
// `kubectl port-forward` opens a preview; `istioctl dashboard` opens a tab. The
// headless CLI has no channel: those commands then behave as they do without a
// browser or editor (see each command).

export type DashboardName = 'kiali' | 'grafana' | 'jaeger' | 'prometheus'

export type UiAction =
  /** Show a VFS file in the editor (kubectl edit's temporary copy of the object). */
  | { action: 'open-editor'; path: string; title: string }
  /** A browser preview of a forwarded port: localhost:<localPort> reaches <target>:<remotePort>. */
  | { action: 'open-preview'; localPort: number; target: string; remotePort: number }
  /** The telemetry/graph tab a dashboard stands for. */
  | { action: 'open-tab'; dashboard: DashboardName; localPort: number }

export interface UiChannel {
  emit(action: UiAction): void
  /**
   * The editor round trip: resolves true when the learner saves the file at
   * `path`, false when they close it unsaved; rejects if the signal aborts.
   */
  edit(path: string, title: string, signal: AbortSignal): Promise<boolean>
}
