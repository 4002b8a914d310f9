import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
} from '@backstage/plugin-permission-node';

/** The demo portal's permission modes. */
export type DemoPermissionMode = 'allow-all' | 'read-only';

const MUTATING_PREFIXES = ['slipway.application.'];
const MUTATING_CATALOG = new Set([
  'catalog.entity.create',
  'catalog.entity.delete',
  'catalog.entity.refresh',
  'catalog.location.create',
  'catalog.location.delete',
  'scaffolder.task.create',
]);

/**
 * The demo's permission policy. `allow-all` lets everyone do everything;
 * `read-only` lets everyone read but denies Slipway's sync, rollback,
 * terminate and delete, and the catalog's and scaffolder's writes, so a
 * portal (or a test) can show what a user without those permissions sees.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): DemoPermissionPolicy {
    const mode =
      config.getOptionalString('demo.permissionPolicy') ?? 'allow-all';
    if (mode !== 'allow-all' && mode !== 'read-only') {
      throw new Error(
        `demo.permissionPolicy must be 'allow-all' or 'read-only', got '${mode}'; fix app-config.yaml`,
      );
    }
    return new DemoPermissionPolicy(mode);
  }

  constructor(readonly mode: DemoPermissionMode) {}

  async handle(request: PolicyQuery): Promise<PolicyDecision> {
    if (this.mode === 'allow-all') {
      return { result: AuthorizeResult.ALLOW };
    }
    const name = request.permission.name;
    const mutating =
      MUTATING_PREFIXES.some(prefix => name.startsWith(prefix)) ||
      MUTATING_CATALOG.has(name);
    return { result: mutating ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
  }
}
