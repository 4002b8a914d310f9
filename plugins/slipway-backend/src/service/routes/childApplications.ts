import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { Router } from 'express';
import type { ChildApplicationStore } from '../../store';

/**
 * GET /child-applications: the Argo CD Applications and ApplicationSets
 * apps of apps published at their last sync, for the catalog module, which
 * turns them into catalog entities. Backend services only: users read the
 * entities in the catalog, with its permissions.
 */
export function registerChildApplicationRoutes(
  router: Router,
  options: {
    httpAuth: Pick<HttpAuthService, 'credentials'>;
    children: Pick<ChildApplicationStore, 'listChildApplications'>;
  },
): void {
  router.get('/child-applications', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['service'] });
    res.json({ items: await options.children.listChildApplications() });
  });
}
