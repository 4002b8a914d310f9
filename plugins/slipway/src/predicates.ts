import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { ARGOCD_API_VERSION } from '@slipway/plugin-slipway-common';

/** True for an Argo CD Application entity. @public */
export function isSlipwayApplication(entity: Entity): boolean {
  return entity.apiVersion === ARGOCD_API_VERSION && entity.kind === 'Application';
}

/**
 * True when Slipway has something to show for an entity: it is an
 * Application, or it depends on one (the catalog module relates each
 * Application to its service's Component with `dependencyOf`, so the
 * Component carries the inverse `dependsOn`). For EntitySwitch.
 * @public
 */
export function isSlipwayAvailable(entity: Entity): boolean {
  if (isSlipwayApplication(entity)) {
    return true;
  }
  return (entity.relations ?? []).some(relation => {
    if (relation.type !== 'dependsOn') return false;
    try {
      return parseEntityRef(relation.targetRef).kind.toLocaleLowerCase('en-US') === 'application';
    } catch {
      return false;
    }
  });
}
