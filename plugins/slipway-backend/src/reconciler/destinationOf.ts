import type { InventoryApplication } from '../inventory';
import type { ResolvedDestination } from '../projects';

/** The configured cluster of a destination, with both name and server. */
export type ClusterResolver = (destination: {
  name?: string;
  server?: string;
}) => { name: string; server: string } | undefined;

/** The resolved destination of an application: cluster name and server when configured. */
export function destinationOf(
  item: InventoryApplication,
  resolveCluster: ClusterResolver,
): ResolvedDestination {
  const d = item.app.spec.destination ?? {};
  const cluster = resolveCluster(d);
  return {
    name: d.name ?? cluster?.name,
    server: d.server ?? cluster?.server,
    namespace: d.namespace,
  };
}
