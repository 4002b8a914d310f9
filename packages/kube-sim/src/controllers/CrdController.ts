import { StoreEvent } from '../store/KubeObject';
import { ALL_VERBS, ResourceType } from '../types/ResourceType';
import { nowIso } from '../util/objects';
import { Controller, ControllerContext } from './Controller';

/** The resource types a CRD declares, one per served version. */
export function typesOfCrd(crd: any): ResourceType[] {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  return (spec.versions ?? [])
    .filter((v: any) => v.served !== false)
    .map((v: any) => ({
      group: spec.group,
      version: v.name,
      kind: names.kind,
      listKind: names.listKind ?? `${names.kind}List`,
      plural: names.plural,
      singular: names.singular ?? String(names.kind).toLowerCase(),
      namespaced: spec.scope !== 'Cluster',
      shortNames: names.shortNames ?? [],
      categories: names.categories ?? [],
      verbs: ALL_VERBS,
      statusSubresource: !!v.subresources?.status,
      scaleSubresource: false,
      custom: true,
    }));
}

/**
 * CustomResourceDefinitions: a valid CRD becomes NamesAccepted and
 * Established and its resource is served at once; deleting it stops serving
 * the resource and deletes its objects.
 */
export class CrdController implements Controller {
  readonly name = 'crd';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource !== 'apiextensions.k8s.io/customresourcedefinitions')
      return [];
    if (ev.type === 'DELETED') {
      const spec = ev.object.spec ?? {};
      this.ctx.types.removeResource(spec.group, spec.names?.plural);
      this.ctx.store.dropResource(`${spec.group}/${spec.names?.plural}`);
      return [];
    }
    // Serve synchronously so that a client may create objects right after the CRD.
    for (const t of typesOfCrd(ev.object)) {
      if (t.group && t.plural && t.kind) this.ctx.types.add(t);
    }
    return [ev.object.metadata.name!];
  }

  reconcile(name: string): void {
    const { store, types, writer } = this.ctx;
    const crd = store.get(
      'apiextensions.k8s.io/customresourcedefinitions',
      undefined,
      name,
    );
    if (!crd || crd.metadata.deletionTimestamp) return;
    const now = nowIso();
    const keep = (type: string) =>
      (crd.status?.conditions ?? []).find(
        (c: any) => c.type === type && c.status === 'True',
      )?.lastTransitionTime ?? now;
    const status = {
      acceptedNames: crd.spec?.names ?? {},
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          lastTransitionTime: keep('NamesAccepted'),
          reason: 'NoConflicts',
          message: 'no conflicts found',
        },
        {
          type: 'Established',
          status: 'True',
          lastTransitionTime: keep('Established'),
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
      storedVersions: (crd.spec?.versions ?? [])
        .filter((v: any) => v.storage)
        .map((v: any) => v.name),
    };
    writer.update(
      types.forKind('apiextensions.k8s.io', 'CustomResourceDefinition')!,
      { ...crd, status },
      { manager: 'kube-apiserver', subresource: 'status' },
    );
  }
}
