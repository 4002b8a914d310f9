import type {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  childApplicationEntity,
  childLocation,
  PublishedChild,
} from './childApplicationEntity';

/** Where the children of apps of apps come from. */
export interface ChildApplicationSource {
  list(): Promise<PublishedChild[]>;
}

/** Reads them from the Slipway backend's `GET /child-applications`, with the module's service credentials. */
export class HttpChildApplicationSource implements ChildApplicationSource {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  async list(): Promise<PublishedChild[]> {
    const { discovery, auth } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'slipway',
    });
    const response = await fetch(
      `${await discovery.getBaseUrl('slipway')}/child-applications`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    if (!response.ok) {
      throw new Error(
        `the Slipway backend answered ${response.status} for its child Applications`,
      );
    }
    const body = (await response.json()) as { items?: PublishedChild[] };
    return body.items ?? [];
  }
}

/**
 * Publishes the Argo CD Applications and ApplicationSets that apps of apps
 * rendered (as of their last sync in Slipway) as catalog entities, so that
 * Slipway reconciles them as it does every Application of the catalog. When
 * the backend cannot be read, the entities stay as they were.
 */
export class SlipwayChildApplicationsProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      source: ChildApplicationSource;
      scheduler?: SchedulerService;
      logger: LoggerService;
      /** Seconds between reads; default 10. */
      intervalSeconds?: number;
    },
  ) {}

  getProviderName(): string {
    return 'SlipwayChildApplicationsProvider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.scheduler?.scheduleTask({
      id: 'slipway-child-applications',
      frequency: { seconds: this.options.intervalSeconds ?? 10 },
      timeout: { seconds: 30 },
      fn: () => this.refresh(),
    });
  }

  /** Reads the children and replaces the provider's entities with them. */
  async refresh(): Promise<void> {
    if (!this.connection)
      throw new Error('SlipwayChildApplicationsProvider is not connected yet');
    let children: PublishedChild[];
    try {
      children = await this.options.source.list();
    } catch (e) {
      this.options.logger.warn(
        `could not read the child Applications of apps of apps: ${
          (e as Error).message
        }; the catalog keeps them as they were`,
      );
      return;
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: children
        .filter(child => child.manifest.metadata?.name)
        .map(child => ({
          entity: childApplicationEntity(child),
          locationKey: childLocation(child.parentRef),
        })),
    });
  }
}
