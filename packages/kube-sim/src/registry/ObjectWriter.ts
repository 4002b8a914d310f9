import { randomUUID } from 'node:crypto';
import { errors, KubeError } from '../api/Status';
import { applyDefaults, type DefaultingContext } from '../defaults';
import { managedFieldsAfterUpdate } from '../patch/ManagedFields';
import { serverSideApply } from '../patch/ServerSideApply';
import { KubeObject } from '../store/KubeObject';
import { ObjectStore } from '../store/ObjectStore';
import { ResourceType } from '../types/ResourceType';
import { TypeRegistry } from '../types/TypeRegistry';
import { deepEqual, nowIso } from '../util/objects';
import { checkNodePortsFree, freeNodePort, nodePortsOf, nodePortsTaken } from './nodePorts';
import { prepareServiceUpdate } from './serviceUpdate';
import { validate } from './validate';
import { validateUpdate } from './validateUpdate';

export interface WriteOptions {
  manager: string;
  dryRun?: boolean;
  subresource?: 'status' | 'scale';
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++)
    s += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  return s;
}

/** Kinds whose metadata.generation tracks spec changes. */
function tracksGeneration(t: ResourceType): boolean {
  if (t.custom) return true;
  return [
    'apps',
    'batch',
    'autoscaling',
    'policy',
    'networking.k8s.io',
    'apiextensions.k8s.io',
  ].includes(t.group);
}

function withoutVolatile(o: KubeObject) {
  const { managedFields, resourceVersion, ...meta } = o.metadata;
  const fields = (managedFields ?? []).map(({ time, ...e }) => e);
  return { ...o, metadata: { ...meta, managedFields: fields } };
}

function specPart(o: KubeObject) {
  const { metadata, status, apiVersion, kind, ...rest } = o;
  return rest;
}

/**
 * The write path shared by the HTTP verbs and the simulated controllers:
 * identity and server-set metadata, defaulting, validation, status
 * subresource rules, generation, managed fields, no-op detection.
 */
export class ObjectWriter {
  private ipCounter = 10;

  constructor(readonly store: ObjectStore, readonly types: TypeRegistry) {}

  private readonly defaulting: DefaultingContext = {
    allocateClusterIP: () => {
      const n = this.ipCounter++;
      return `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
    },
    allocateNodePort: (service, alsoTaken, hint) => {
      const taken = nodePortsTaken(this.store, service.metadata?.namespace, service.metadata?.name);
      alsoTaken.forEach(port => taken.add(port));
      const port = freeNodePort(taken, hint);
      if (port === undefined) {
        throw errors.invalid('Service', service.metadata?.name ?? '', [
          { field: 'spec.ports', message: 'Internal error: range is full', reason: 'FieldValueInvalid' },
        ]);
      }
      return port;
    },
  };

  /** Node ports are cluster-wide: a Service may not take one another Service holds. */
  private checkNodePorts(t: ResourceType, obj: KubeObject) {
    if (t.kind !== 'Service' || t.group !== '' || t.custom || nodePortsOf(obj).length === 0) return;
    checkNodePortsFree(obj, nodePortsTaken(this.store, obj.metadata.namespace, obj.metadata.name));
  }

  private checkNamespace(t: ResourceType, ns: string | undefined) {
    if (!t.namespaced) return;
    if (!ns)
      throw errors.badRequest(
        `the namespace of the provided object does not match the namespace sent on the request`,
      );
    const nsObj = this.store.get('/namespaces', undefined, ns);
    if (!nsObj) throw errors.notFound({ group: '', plural: 'namespaces' }, ns);
    if (nsObj.metadata.deletionTimestamp) {
      throw new KubeError(
        403,
        'Forbidden',
        `unable to create new content in namespace ${ns} because it is being terminated`,
        { name: ns, kind: 'namespaces' },
      );
    }
  }

  create(t: ResourceType, input: KubeObject, opts: WriteOptions): KubeObject {
    const obj: KubeObject = {
      ...input,
      apiVersion: input.apiVersion,
      kind: t.kind,
      metadata: { ...input.metadata },
    };
    const meta = obj.metadata;
    if (!meta.name && meta.generateName)
      meta.name = `${meta.generateName}${randomSuffix()}`;
    if (!meta.name)
      throw errors.invalid(
        t.kind,
        '',
        [
          {
            field: 'metadata.name',
            message: 'Required value: name or generateName is required',
            reason: 'FieldValueRequired',
          },
        ],
        t.group || undefined,
      );
    if (!t.namespaced) delete meta.namespace;
    this.checkNamespace(t, meta.namespace);
    const key = this.types.keyOf(t);
    if (this.store.get(key, meta.namespace, meta.name))
      throw errors.alreadyExists(t, meta.name);
    meta.uid = randomUUID();
    meta.creationTimestamp = nowIso();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.managedFields;
    if (tracksGeneration(t)) meta.generation = 1;
    else delete meta.generation;
    if (t.statusSubresource) delete obj.status;
    applyDefaults(t.group, obj, this.defaulting);
    validate(t, obj);
    this.checkNodePorts(t, obj);
    if (input.metadata.managedFields?.length) {
      meta.managedFields = input.metadata.managedFields;
    } else {
      meta.managedFields = managedFieldsAfterUpdate(
        undefined,
        obj,
        opts.manager,
        t,
      );
    }
    if (opts.dryRun) return obj;
    return this.store.put(key, obj);
  }

  /**
   * Replaces an object (PUT and the result of non-apply patches). For the
   * main resource the status is kept; for `status` only the status changes.
   */
  update(
    t: ResourceType,
    input: KubeObject,
    opts: WriteOptions & { expectedRV?: string },
  ): KubeObject {
    const key = this.types.keyOf(t);
    const ns = t.namespaced ? input.metadata.namespace : undefined;
    const name = input.metadata.name!;
    const old = this.store.get(key, ns, name);
    if (!old) throw errors.notFound(t, name);
    if (opts.expectedRV && opts.expectedRV !== old.metadata.resourceVersion) {
      throw errors.conflict(
        t,
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    return this.commit(t, old, input, opts, 'Update');
  }

  /** Server-side apply; creates the object when it does not exist. */
  apply(
    t: ResourceType,
    ns: string | undefined,
    name: string,
    applied: KubeObject,
    opts: WriteOptions & { force: boolean },
  ): KubeObject {
    const key = this.types.keyOf(t);
    const live = this.store.get(key, ns, name);
    const body: KubeObject = {
      ...applied,
      metadata: { ...applied.metadata, name, ...(ns ? { namespace: ns } : {}) },
    };
    if (opts.subresource !== 'status' && t.statusSubresource)
      delete body.status;
    const merged = serverSideApply({
      live,
      applied: body,
      manager: opts.manager,
      force: opts.force,
      ctx: t,
      subresource: opts.subresource,
    });
    if (!live) {
      this.checkNamespace(t, ns);
      const created = this.create(
        t,
        { ...merged, metadata: { ...merged.metadata } },
        { ...opts, dryRun: true },
      );
      created.metadata.managedFields = merged.metadata.managedFields;
      if (opts.dryRun) return created;
      return this.store.put(key, created);
    }
    return this.commit(t, live, merged, opts, 'Apply');
  }

  private commit(
    t: ResourceType,
    old: KubeObject,
    input: KubeObject,
    opts: WriteOptions,
    op: 'Apply' | 'Update',
  ): KubeObject {
    const key = this.types.keyOf(t);
    let next: KubeObject;
    if (opts.subresource === 'status') {
      next = { ...old, metadata: { ...old.metadata }, status: input.status };
    } else {
      next = {
        ...input,
        apiVersion: input.apiVersion ?? old.apiVersion,
        kind: t.kind,
        metadata: { ...input.metadata },
      };
      if (t.statusSubresource) {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
    }
    const meta = next.metadata;
    const om = old.metadata;
    meta.name = om.name;
    if (t.namespaced) meta.namespace = om.namespace;
    else delete meta.namespace;
    meta.uid = om.uid;
    meta.creationTimestamp = om.creationTimestamp;
    meta.resourceVersion = om.resourceVersion;
    if (om.deletionTimestamp) meta.deletionTimestamp = om.deletionTimestamp;
    else delete meta.deletionTimestamp;
    if (om.deletionGracePeriodSeconds !== undefined)
      meta.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    if (om.generation !== undefined) meta.generation = om.generation;
    else delete meta.generation;
    if (opts.subresource !== 'status') {
      if (
        om.deletionTimestamp &&
        (meta.finalizers ?? []).some(f => !(om.finalizers ?? []).includes(f))
      ) {
        throw errors.invalid(
          t.kind,
          om.name!,
          [
            {
              field: 'metadata.finalizers',
              message:
                'Forbidden: no new finalizers can be added if the object is being deleted',
            },
          ],
          t.group || undefined,
        );
      }
      if (t.kind === 'Service' && t.group === '' && !t.custom)
        prepareServiceUpdate(old, next);
      applyDefaults(t.group, next, this.defaulting);
      validate(t, next);
      validateUpdate(t, old, next);
      this.checkNodePorts(t, next);
      if (tracksGeneration(t) && !deepEqual(specPart(old), specPart(next))) {
        meta.generation = (om.generation ?? 0) + 1;
      }
    }
    if (op === 'Update') {
      const userSet = input.metadata.managedFields;
      if (userSet && !deepEqual(userSet, om.managedFields))
        meta.managedFields = userSet.filter(e => e && e.manager);
      else {
        meta.managedFields = managedFieldsAfterUpdate(
          old,
          next,
          opts.manager,
          t,
          opts.subresource,
          opts.subresource === 'status' ? 'status' : undefined,
        );
      }
    }
    if (deepEqual(withoutVolatile(old), withoutVolatile(next))) return old;
    if (opts.dryRun) return next;
    if (meta.deletionTimestamp && (meta.finalizers ?? []).length === 0) {
      return this.store.remove(key, meta.namespace, meta.name!)!;
    }
    return this.store.put(key, next);
  }
}
