import { stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  generatorClusters,
  HttpPluginGeneratorService,
  KubeClusterDecisionService,
  readClusterConfig,
} from '@slipway/plugin-slipway-node';
import { readApplicationSet } from '../environment/applicationSetFile';
import { DestinationPolicy } from '../environment/DestinationPolicy';
import { EditedRepoGitReader, expandOrRefuse } from '../environment/expansion';
import { existsInside, repoRelativePath, writeRepoFile } from '../gitops/repoPaths';
import { catalogLocationOf } from '../onboard/catalogLocation';
import { catalogNamespaceOf } from '../onboard/catalogNamespace';
import { serviceSkeleton } from '../onboard/skeleton';
import { chooseBranch } from './branches';
import { commitAuthor } from './commitAuthor';
import { RepositoryAccess } from './RepositoryAccess';
import { plannedChanges } from './plannedChanges';
import { openWorkspace } from './workspaces';

/** What the action needs from the backend. */
export interface OnboardActionOptions {
  config: Config;
  catalog: CatalogService;
}

/**
 * `slipway:application:onboard`: puts a new service under GitOps, with an
 * ApplicationSet and kustomize manifests in the GitOps repository, and
 * registers the ApplicationSet in the catalog.
 */
export function createOnboardApplicationAction(options: OnboardActionOptions) {
  const { config, catalog } = options;
  const access = RepositoryAccess.fromConfig(config);
  const integrations = ScmIntegrations.fromConfig(config);
  const clusters = generatorClusters(readClusterConfig(config));
  const plugins = HttpPluginGeneratorService.fromConfig(config);
  const clusterDecisions = KubeClusterDecisionService.fromConfig(config);
  const policy = DestinationPolicy.fromConfig(config, clusters);

  return createTemplateAction({
    id: 'slipway:application:onboard',
    description:
      'Puts a new service under GitOps: writes an Argo CD ApplicationSet (one list element per environment) and ' +
      'kustomize manifests (a base with a Deployment and a Service, one overlay per environment with its image tag ' +
      'and replicas) to the GitOps repository, commits and pushes them, and registers the ApplicationSet file in ' +
      "the catalog (in the catalog namespace given, else the Component's, else default) so its Applications appear " +
      'and Slipway deploys them. Refuses, changing nothing, when the files exist, when the project does not allow ' +
      'a cluster or namespace, or when a path leaves the repository. A dry run outputs and logs the unified diff of ' +
      'each file and neither commits nor registers anything.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Onboard the orders service with a dev and a prod environment, registered in the namespace of its Component (shop)',
        example: [
          'steps:',
          '  - id: onboard',
          '    action: slipway:application:onboard',
          '    input:',
          '      repoURL: https://github.com/acme/gitops.git',
          '      name: orders',
          '      component: component:shop/orders',
          '      image: ghcr.io/acme/orders:1.0.0',
          '      port: 8080',
          '      environments:',
          '        - { name: dev, cluster: embedded }',
          '        - { name: prod, cluster: embedded, replicas: 3 }',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        repoURL: z => z.string().describe('The GitOps repository URL'),
        name: z => z.string().describe('Name of the service: lower-case letters, digits and -'),
        image: z => z.string().describe('Container image with tag, e.g. ghcr.io/acme/orders:1.0.0'),
        port: z => z.number().int().min(1).max(65535).optional().describe('Port the container listens on (default 8080)'),
        component: z => z.string().optional().describe("Entity ref of the service's Component, e.g. component:default/orders"),
        namespace: z =>
          z
            .string()
            .optional()
            .describe(
              "Catalog namespace the ApplicationSet and its Applications are registered in (not a Kubernetes namespace); " +
                "default: the Component's namespace, else 'default'",
            ),
        owner: z => z.string().optional().describe('Owner entity ref for the Applications; default: the Component\'s owner'),
        project: z => z.string().optional().describe('Slipway project of the Applications (default: default)'),
        environments: z =>
          z
            .array(
              z.object({
                name: z.string(),
                cluster: z.string(),
                namespace: z.string().optional(),
                replicas: z.number().int().min(0).optional(),
              }),
            )
            .min(1)
            .describe('The environments: name, cluster, and optionally namespace (default <name>-<environment>) and replicas'),
        path: z => z.string().optional().describe('Folder of the manifests (default apps/<name>)'),
        applicationSetPath: z =>
          z.string().optional().describe('Path of the ApplicationSet file (default applicationsets/<name>.yaml)'),
        register: z => z.boolean().optional().describe('Register the ApplicationSet in the catalog (default true)'),
        branch: z => z.string().optional().describe('Branch to commit to; a branch other than the default is created'),
        createBranch: z => z.boolean().optional().describe('Commit on a new branch (named by branch, or generated)'),
      },
      output: {
        branch: z => z.string().describe('The branch the commit is on'),
        commitSha: z => z.string().describe('SHA of the commit (empty in a dry run or for a local folder)'),
        entityRef: z => z.string().describe('Entity ref of the ApplicationSet in the catalog'),
        applicationEntityRefs: z =>
          z.array(z.string()).describe('Entity refs of the Applications in the catalog, in the order of applicationNames'),
        catalogInfoUrl: z => z.string().describe('Catalog location of the ApplicationSet file'),
        applicationNames: z => z.array(z.string()).describe('The Applications the ApplicationSet generates'),
        changes: z =>
          z
            .array(z.object({ path: z.string(), action: z.string(), diff: z.string().optional() }))
            .describe('The files written; in a dry run each with its unified diff against the repository'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const appPath = repoRelativePath(input.path || `apps/${input.name}`, 'manifest folder');
      const setPath = repoRelativePath(input.applicationSetPath || `applicationsets/${input.name}.yaml`, 'ApplicationSet file');
      const project = input.project || 'default';
      const catalogNamespace = catalogNamespaceOf(input);
      const files = serviceSkeleton(
        {
          service: input.name,
          repoURL: input.repoURL,
          image: input.image,
          port: input.port ?? 8080,
          project,
          environments: input.environments,
          appPath,
          component: input.component,
          owner: input.owner,
          catalogNamespace,
        },
        setPath,
      );
      for (const env of input.environments) {
        const refusal = policy.check(project, { name: env.cluster, namespace: env.namespace || `${input.name}-${env.name}` });
        if (refusal) throw new InputError(`environment '${env.name}' cannot be deployed: ${refusal}`);
      }

      const workspace = await openWorkspace(access, input.repoURL, await ctx.createTemporaryDirectory());
      const branch = await chooseBranch(workspace, input.repoURL, input, `slipway/onboard-${input.name}`);
      for (const existing of [setPath, appPath]) {
        if (await existsInside(workspace.dir, existing, 'path')) {
          throw new ConflictError(`'${existing}' already exists in ${input.repoURL}; the service seems onboarded already, or choose another name or path`);
        }
      }
      const location = input.register === false
        ? undefined
        : catalogLocationOf(input.repoURL, branch, setPath, { access, integrations });
      if (input.register !== false && !location) {
        throw new InputError(
          `cannot tell the catalog URL of files in ${input.repoURL} (no GitHub, GitLab or Gitea integration matches it); ` +
            "set register: false and register the file with catalog:register",
        );
      }
      for (const [file, content] of Object.entries(files)) {
        await writeRepoFile(workspace.dir, file, content, 'new file');
      }
      const { set } = readApplicationSet(files[setPath], setPath, input.name);
      const git = new EditedRepoGitReader(workspace.dir, input.repoURL, ['HEAD', workspace.defaultBranch]);
      const apps = await expandOrRefuse(set, { clusters, git, plugins, clusterDecisions }, `the new ApplicationSet '${input.name}' does not expand`);
      const applicationNames = apps.map(a => a.metadata.name as string);

      const changes = await workspace.changes();
      ctx.output('branch', branch);
      ctx.output('applicationNames', applicationNames);
      ctx.output('entityRef', stringifyEntityRef({ kind: 'ApplicationSet', namespace: catalogNamespace, name: input.name }));
      ctx.output(
        'applicationEntityRefs',
        applicationNames.map(name => stringifyEntityRef({ kind: 'Application', namespace: catalogNamespace, name })),
      );
      if (location) ctx.output('catalogInfoUrl', location.target);
      if (ctx.isDryRun) {
        ctx.logger.info(`dry run: nothing is committed to ${input.repoURL} or registered in the catalog`);
        ctx.output('changes', await plannedChanges(workspace, changes, ctx.logger));
        ctx.output('commitSha', '');
        return;
      }
      ctx.output('changes', changes.map(c => ({ path: c.path, action: c.action })));
      const commitSha = await ctx.checkpoint({
        key: `slipway-onboard-${input.name}`,
        fn: () =>
          workspace.commitAndPush({
            branch,
            message: `Onboard ${input.name} to GitOps\n\nApplicationSet ${setPath} with environments ${input.environments
              .map(e => e.name)
              .join(', ')}; manifests in ${appPath}.`,
            author: commitAuthor(config, ctx.user?.entity),
          }),
      });
      ctx.output('commitSha', commitSha);
      if (location) {
        try {
          await catalog.addLocation(location, { credentials: await ctx.getInitiatorCredentials() });
        } catch (e) {
          throw new Error(
            `the service is committed (${commitSha || 'written'} on ${branch}), but registering ${location.target} in the catalog failed: ` +
              `${(e as Error).message}; register that file by hand`,
          );
        }
        ctx.logger.info(`registered ${location.type}:${location.target} in the catalog`);
      }
    },
  });
}
