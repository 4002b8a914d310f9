/**
 * A simulated Kubernetes API server (REST over HTTP on 127.0.0.1) for
 * demos, tests and benchmarks. It is a simulation, not a cluster.
 *
 * @packageDocumentation
 */
export { startKubeSim } from './startKubeSim';
export type { KubeSim, KubeSimOptions } from './startKubeSim';
export type { RequestLimits } from './server/InFlightLimiter';
export type { KubeSimAddons } from './controllers/addons/addonControllers';
export type { IngressAddonOptions } from './controllers/addons/IngressController';
export { FAULT_ANNOTATION, imageFault } from './controllers/faults';
export type { Fault } from './controllers/faults';
export { ManualClock } from './util/Clock';
export type { SimClock } from './util/Clock';
