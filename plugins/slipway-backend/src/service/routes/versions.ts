import { InputError } from '@backstage/errors';
import type { VersionsResponse } from '@slipway/plugin-slipway-common';
import type { Router } from 'express';
import type { ApplicationStatus } from '../../store';
import { toApiVersions } from '../toApiVersions';
import { entityRefs, repeated } from '../validation/queryParams';
import type { RouteContext } from './RouteContext';

/** At most this many applications per answer: a component rarely has more environments. */
const MAX_APPLICATIONS = 500;

/** GET /versions: which images and charts run where, per application of a component or per listed application. */
export function registerVersionRoutes(router: Router, ctx: RouteContext): void {
  const { store, access } = ctx;

  router.get('/versions', async (req, res) => {
    const components = repeated(req.query, 'component');
    const requested = entityRefs(req.query, 'entityRef', 'application');
    if (!components && !requested) {
      throw new InputError(
        'Say which applications: send ?component=component:<namespace>/<name> for all applications of a component, or ?entityRef=application:<namespace>/<name> (repeatable)',
      );
    }
    const credentials = await access.credentials(req);
    const visibility = await access.visibility(credentials, requested);
    if (!visibility.all && visibility.refs.length === 0) {
      res.json({ items: [] } satisfies VersionsResponse);
      return;
    }
    const componentRefs = components
      ? Array.from(new Set([...components, ...(entityRefs(req.query, 'component', 'component') ?? [])]))
      : undefined;
    const page = await store.listApplicationStatuses({
      filter: {
        ...(componentRefs ? { componentRef: componentRefs } : {}),
        ...(visibility.all ? {} : { entityRef: visibility.refs }),
      },
      fields: ['entityRef', 'environment', 'cluster', 'versions'],
      limit: MAX_APPLICATIONS,
    });
    const body: VersionsResponse = {
      items: page.items.map(s => toApiVersions(s as Partial<ApplicationStatus> & { entityRef: string })),
    };
    res.json(body);
  });
}
