// EngineEvent: the versioned union a driver streams to the live graph, the task list and the workbench.
//
// DESIGN.md "Drivers": `resource` (objects added, modified, deleted), `edges`
// (per source -> destination aggregates each simulated second), `request`
// (sampled requests, with the decision trace where the driver keeps one),
// `task` (a lab task's status changed) and `ui` (the shell asks the browser to
// open the editor, a preview or a dashboard tab). Bump ENGINE_EVENT_VERSION
// when a field changes meaning; consumers ignore versions they do not know.
import type { UiAction } from '../core/ui-channel'
import type { EdgeSample } from '../telemetry/edge-stats'

export const ENGINE_EVENT_VERSION = 1

export type ResourceChange = 'added' | 'modified' | 'deleted'

export type EngineEvent =
  | { v: 1; type: 'resource'; change: ResourceChange; kind: string; apiVersion: string; namespace?: string; name: string; resourceVersion: string }
  | { v: 1; type: 'edges'; atMs: number; edges: EdgeSample[] }
  | { v: 1; type: 'request'; atMs: number; source: string; destination: string; code: number; latencyMs: number; mtls: boolean; trace?: string }
  | { v: 1; type: 'task'; taskId: string; status: 'pending' | 'passed' | 'failed' | 'regressed'; message?: string; atMs: number }
  | { v: 1; type: 'ui'; action: UiAction }

export type EngineEventType = EngineEvent['type']
