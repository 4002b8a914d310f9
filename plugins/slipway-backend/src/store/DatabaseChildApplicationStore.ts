import { InputError } from '@backstage/errors';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { Knex } from 'knex';
import type {
  ChildApplication,
  ChildApplicationStore,
} from './ChildApplicationStore';
import { fromDbJson, toDbJson, toDbTime } from './dbValues';

const TABLE = 'slipway_child_applications';

/** {@link ChildApplicationStore} on a knex database. */
export class DatabaseChildApplicationStore implements ChildApplicationStore {
  constructor(private readonly db: Knex, private readonly now: () => Date) {}

  async listChildApplications(): Promise<ChildApplication[]> {
    const rows = await this.db(TABLE)
      .select('parent_ref', 'manifest')
      .orderBy(['parent_ref', 'kind', 'name']);
    return rows.map(row => ({
      parentRef: String(row.parent_ref),
      manifest: fromDbJson(row.manifest, {}) as KubeObject,
    }));
  }

  async replaceChildApplications(
    parentRef: string,
    manifests: KubeObject[],
  ): Promise<void> {
    if (typeof parentRef !== 'string' || parentRef === '') {
      throw new InputError(
        'Child Applications need the entity ref of their parent Application',
      );
    }
    const seen = new Set<string>();
    const rows = manifests.map(manifest => {
      const kind = manifest.kind;
      const name = manifest.metadata?.name;
      if (typeof kind !== 'string' || typeof name !== 'string' || name === '') {
        throw new InputError(`A child of ${parentRef} has no kind or name`);
      }
      const key = `${kind}/${name}`;
      if (seen.has(key))
        throw new InputError(
          `${parentRef} renders ${key} twice; give its children unique names`,
        );
      seen.add(key);
      return {
        parent_ref: parentRef,
        kind,
        name,
        manifest: toDbJson(manifest),
        updated_at: toDbTime(this.now()),
      };
    });
    await this.db.transaction(async tx => {
      await tx(TABLE).where('parent_ref', parentRef).delete();
      if (rows.length > 0) await tx(TABLE).insert(rows);
    });
  }
}
