// The workbench's mesh graph tab.
export { MeshGraph } from './mesh-graph'
