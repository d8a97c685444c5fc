// The workbench's cluster explorer tab.
export { ClusterExplorer } from './cluster-explorer'
