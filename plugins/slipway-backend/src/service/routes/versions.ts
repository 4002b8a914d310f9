import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import semver from 'semver';
import type { VersionsResponse } from '@slipway/plugin-slipway-common';
import type { Router } from 'express';
import type { ApplicationStatus } from '../../store';
import { toApiVersions } from '../toApiVersions';
import { entityRefs, repeated } from '../validation/queryParams';
import type { ChartVersionLookup, RouteContext } from './RouteContext';

/** At most this many applications per answer: a component rarely has more environments. */
const MAX_APPLICATIONS = 500;

/** Chart repositories answer within this time or the answer goes without their newest versions. */
const CHART_LOOKUP_TIMEOUT_MS = 3_000;

/**
 * Sets `latestVersion` on charts whose Helm repository or OCI registry has a
 * newer stable version (the lookup caches indexes and tag lists, and answers
 * nothing for URLs it cannot read); a repository that fails or is slow never
 * fails the answer.
 */
async function markNewerCharts(body: VersionsResponse, lookup: ChartVersionLookup, logger: LoggerService): Promise<void> {
  const newest = new Map<string, Promise<string | undefined>>();
  const ask = (repoURL: string, chart: string) => {
    const key = `${repoURL}|${chart}`;
    let pending = newest.get(key);
    if (!pending) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>(resolve => {
        timer = setTimeout(() => resolve(undefined), CHART_LOOKUP_TIMEOUT_MS);
      });
      pending = Promise.race([lookup.newestVersion(repoURL, chart), timeout])
        .catch(error => {
          logger.debug(`could not read the newest version of chart ${chart}: ${(error as Error).message}`);
          return undefined;
        })
        .finally(() => clearTimeout(timer));
      newest.set(key, pending);
    }
    return pending;
  };
  await Promise.all(
    body.items.flatMap(item =>
      item.charts
        .filter(chart => chart.repoURL !== '' && semver.valid(chart.version))
        .map(async chart => {
          const latest = await ask(chart.repoURL, chart.chart);
          if (latest && semver.gt(latest, chart.version)) {
            chart.latestVersion = latest;
          }
        }),
    ),
  );
}

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
    if (ctx.chartVersions) {
      await markNewerCharts(body, ctx.chartVersions, ctx.logger);
    }
    res.json(body);
  });
}
