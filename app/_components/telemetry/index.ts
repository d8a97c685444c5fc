// The workbench's telemetry tab.
export { TelemetryPanel } from './telemetry-panel'
