// The telemetry bridge: connects a session's MeshNetwork to its Telemetry and serves each proxy's admin ports.
import type { EnvoyAdmin } from '../../pod-shell/tools/envoy-admin'
import { adminRequest } from './admin-server'
import type { TelemetryBridge } from './attach-telemetry'

/** The session's EnvoyAdmin (for pilot-agent and curl localhost:15000) over a bridge's stats and config. */
export function createEnvoyAdmin(bridge: TelemetryBridge): EnvoyAdmin {
  return { request: (pod, port, method, path) => adminRequest(bridge, pod, port, method, path) }
}

export { attachTelemetry, requestRecord, type TelemetryBridge, type TelemetryBridgeOptions } from './attach-telemetry'
export { withEnvoyAdmin } from './admin-transport'
export { adminRequest, clustersText, configDump, AGENT_PORTS, ENVOY_ADMIN_PORT } from './admin-server'
export { workloadInfoOf, workloadName, principalOf, destinationServiceOf } from './workload-info'
export { accessLogFile, statsInclusionsFor } from './proxy-settings'
