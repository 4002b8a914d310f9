/*
 * The Slipway demo portal's backend: Backstage's catalog, scaffolder,
 * permissions and auth, plus Slipway's plugin and modules.
 */
import { createBackend } from '@backstage/backend-defaults';
import { demoPermissionPolicyModule } from './modules/demoPermissionPolicyModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: the guest provider is enough for the demo portal
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@slipway/plugin-catalog-backend-module-slipway'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@slipway/plugin-scaffolder-backend-module-slipway'));

// permissions: a policy that configuration switches between allow-all and read-only
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(demoPermissionPolicyModule);

// signals and notifications carry live status changes to the frontend
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));

// Slipway: the GitOps engine
backend.add(import('@slipway/plugin-slipway-backend'));

backend.start();
