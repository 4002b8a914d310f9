import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { slipwayApplicationSyncPermission } from '@slipway/plugin-slipway-common';
import { DemoPermissionPolicy } from './DemoPermissionPolicy';

const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

describe('DemoPermissionPolicy', () => {
  it('allows everything by default', async () => {
    const policy = DemoPermissionPolicy.fromConfig(new ConfigReader({}));
    await expect(
      policy.handle({ permission: slipwayApplicationSyncPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('in read-only mode denies Slipway sync but allows reading the catalog', async () => {
    const policy = DemoPermissionPolicy.fromConfig(
      new ConfigReader({ demo: { permissionPolicy: 'read-only' } }),
    );
    await expect(
      policy.handle({ permission: slipwayApplicationSyncPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(policy.handle({ permission: catalogRead })).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('refuses an unknown mode with a message that says what to fix', () => {
    expect(() =>
      DemoPermissionPolicy.fromConfig(
        new ConfigReader({ demo: { permissionPolicy: 'sometimes' } }),
      ),
    ).toThrow(/demo.permissionPolicy must be 'allow-all' or 'read-only'/);
  });
});
