import {
  atlasHealthChecks,
  atlasMigrationHealth,
  atlasSchemaHealth,
} from './AtlasHealth';
import { kube } from '../testObjects';

const withReady = (kind: string, ready?: object) =>
  kube('db.atlasgo.io/v1alpha1', kind, {
    status: {
      conditions: ready ? [{ type: 'Other' }, { type: 'Ready', ...ready }] : [],
    },
  });

describe('Atlas Operator AtlasMigration health', () => {
  const migration = (ready?: object) => withReady('AtlasMigration', ready);

  it('waits for the operator without a Ready condition', () => {
    expect(atlasMigrationHealth(migration())).toEqual({
      status: 'Progressing',
      message: 'Waiting for Atlas Operator',
    });
    expect(
      atlasMigrationHealth(kube('db.atlasgo.io/v1alpha1', 'AtlasMigration')),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for Atlas Operator',
    });
  });

  it('is Healthy when Ready, quoting the reason', () => {
    expect(
      atlasMigrationHealth(migration({ status: 'True', reason: 'Applied' })),
    ).toEqual({ status: 'Healthy', message: 'Applied' });
  });

  it('is Progressing while reconciling (by reason) and Degraded otherwise', () => {
    expect(
      atlasMigrationHealth(
        migration({
          status: 'False',
          reason: 'Reconciling',
          message: 'changed',
        }),
      ),
    ).toEqual({ status: 'Progressing', message: 'Reconciling' });
    expect(
      atlasMigrationHealth(
        migration({
          status: 'False',
          reason: 'Migrating',
          message: 'Reconciling',
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Migrating' });
  });
});

describe('Atlas Operator AtlasSchema health', () => {
  const schema = (ready?: object) => withReady('AtlasSchema', ready);

  it('is Healthy when Ready, quoting the reason', () => {
    expect(
      atlasSchemaHealth(schema({ status: 'True', reason: 'Applied' })),
    ).toEqual({
      status: 'Healthy',
      message: 'Applied',
    });
    expect(atlasSchemaHealth(schema({ status: 'True' }))).toEqual({
      status: 'Healthy',
    });
  });

  it('is Progressing while the message says it is still working', () => {
    for (const message of ['Reconciling', 'GettingDevDB']) {
      expect(
        atlasSchemaHealth(
          schema({ status: 'False', reason: 'Reconciling', message }),
        ),
      ).toEqual({ status: 'Progressing', message: 'Reconciling' });
    }
  });

  it('is Degraded on any other not-ready message', () => {
    expect(
      atlasSchemaHealth(
        schema({
          status: 'False',
          reason: 'ApplyingSchema',
          message: 'Error: x',
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'ApplyingSchema' });
  });

  it('waits for the operator without a Ready condition', () => {
    expect(atlasSchemaHealth(schema()).message).toBe(
      'Waiting for Atlas Operator',
    );
  });
});

describe('atlasHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(Object.keys(atlasHealthChecks).sort()).toEqual([
      'db.atlasgo.io/AtlasMigration',
      'db.atlasgo.io/AtlasSchema',
    ]);
  });
});
