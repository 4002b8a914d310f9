export { ResourceGraph } from './ResourceGraph';
export type { ResourceGraphApplication } from './ResourceGraph';
export { toGraph, kindsOf, NO_FILTERS, ROOT_NODE_ID } from './toGraph';
export type { GraphFilters, GraphRoot, ResourceGraph as ResourceGraphModel, ResourceGraphEdge, ResourceGraphNode } from './toGraph';
