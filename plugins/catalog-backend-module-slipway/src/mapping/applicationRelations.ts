import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import {
  SLIPWAY_ANNOTATION_COMPONENT,
  SLIPWAY_ANNOTATION_OWNER,
  SLIPWAY_ANNOTATION_PARENT_APPLICATION,
  SLIPWAY_ANNOTATION_SYSTEM,
} from '@slipway/plugin-slipway-common';
import { SLIPWAY_ANNOTATION_APPLICATION_SET } from './applicationToEntity';

/** A relation to emit, with its inverse. */
export interface RelationPair {
  source: CompoundEntityRef;
  type: string;
  target: CompoundEntityRef;
}

function pair(source: CompoundEntityRef, type: string, inverse: string, target: CompoundEntityRef): RelationPair[] {
  return [
    { source, type, target },
    { source: target, type: inverse, target: source },
  ];
}

function ref(value: string, defaultKind: string, defaultNamespace: string): CompoundEntityRef {
  return parseEntityRef(value, { defaultKind, defaultNamespace });
}

/** `partOf` the app of apps that published the entity, when one did. */
function parentRelations(self: CompoundEntityRef, annotations: Record<string, string>): RelationPair[] {
  const parent = annotations[SLIPWAY_ANNOTATION_PARENT_APPLICATION];
  return parent ? pair(self, RELATION_PART_OF, RELATION_HAS_PART, ref(parent, 'Application', self.namespace)) : [];
}

/**
 * The relations of an Application entity, read from its annotations:
 * `partOf` its ApplicationSet or its app of apps, `dependencyOf` its
 * service's Component, `ownedBy` its owner and `partOf` its system — each
 * with the inverse, as Backstage's own processors emit them.
 */
export function applicationRelations(entity: Entity): RelationPair[] {
  const self = getCompoundEntityRef(entity);
  const namespace = self.namespace;
  const annotations = entity.metadata.annotations ?? {};
  const relations: RelationPair[] = [...parentRelations(self, annotations)];
  const set = annotations[SLIPWAY_ANNOTATION_APPLICATION_SET];
  if (set) {
    relations.push(...pair(self, RELATION_PART_OF, RELATION_HAS_PART, ref(set, 'ApplicationSet', namespace)));
  }
  const component = annotations[SLIPWAY_ANNOTATION_COMPONENT];
  if (component) {
    relations.push(
      ...pair(self, RELATION_DEPENDENCY_OF, RELATION_DEPENDS_ON, ref(component, 'Component', namespace)),
    );
  }
  const owner = annotations[SLIPWAY_ANNOTATION_OWNER];
  if (owner) {
    relations.push(...pair(self, RELATION_OWNED_BY, RELATION_OWNER_OF, ref(owner, 'Group', namespace)));
  }
  const system = annotations[SLIPWAY_ANNOTATION_SYSTEM];
  if (system) {
    relations.push(...pair(self, RELATION_PART_OF, RELATION_HAS_PART, ref(system, 'System', namespace)));
  }
  return relations;
}

/**
 * The relations of an ApplicationSet entity: `ownedBy` and `partOf` from its
 * own annotations, and `partOf` the app of apps that published it, when set.
 */
export function applicationSetRelations(entity: Entity): RelationPair[] {
  const self = getCompoundEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const relations: RelationPair[] = [...parentRelations(self, annotations)];
  const owner = annotations[SLIPWAY_ANNOTATION_OWNER];
  if (owner) {
    relations.push(...pair(self, RELATION_OWNED_BY, RELATION_OWNER_OF, ref(owner, 'Group', self.namespace)));
  }
  const system = annotations[SLIPWAY_ANNOTATION_SYSTEM];
  if (system) {
    relations.push(...pair(self, RELATION_PART_OF, RELATION_HAS_PART, ref(system, 'System', self.namespace)));
  }
  return relations;
}
