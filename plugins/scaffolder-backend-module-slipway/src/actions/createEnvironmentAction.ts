import type { Config } from '@backstage/config';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  generatorClusters,
  HttpPluginGeneratorService,
  KubeClusterDecisionService,
  readClusterConfig,
} from '@slipway/plugin-slipway-node';
import { addEnvironment } from '../environment/addEnvironment';
import { DestinationPolicy } from '../environment/DestinationPolicy';
import { destinationOf } from '../environment/expansion';
import { repoRelativePath } from '../gitops/repoPaths';
import { chooseBranch } from './branches';
import { commitAuthor } from './commitAuthor';
import { locateApplicationSet } from './locateApplicationSet';
import { RepositoryAccess } from './RepositoryAccess';
import { plannedChanges } from './plannedChanges';
import { openWorkspace } from './workspaces';

/** What the action needs from the backend. */
export interface EnvironmentActionOptions {
  config: Config;
  catalog: CatalogService;
}

/**
 * `slipway:environment:create`: adds an environment to an ApplicationSet
 * in its GitOps repository and commits it, so the engine deploys it.
 */
export function createEnvironmentAction(options: EnvironmentActionOptions) {
  const { config, catalog } = options;
  const access = RepositoryAccess.fromConfig(config);
  const clusters = generatorClusters(readClusterConfig(config));
  const plugins = HttpPluginGeneratorService.fromConfig(config);
  const clusterDecisions = KubeClusterDecisionService.fromConfig(config);
  const policy = DestinationPolicy.fromConfig(config, clusters);

  return createTemplateAction({
    id: 'slipway:environment:create',
    description:
      'Adds a new environment (for example qa or prod-eu) to an Argo CD ApplicationSet in its GitOps repository, ' +
      'the way the ApplicationSet expects it: a new element of its list generator, a new folder for a git ' +
      'directories generator, or, for a git files generator, a new config file (or folder of them) where the path ' +
      'glob finds it. The new environment copies an existing one (its list element or config file, kustomize ' +
      'overlay or Helm values file), with its name, cluster and namespace in the copied parameters moved to the new ' +
      'environment, and gets the overrides: image tag, replicas, Helm values. The change is ' +
      'committed and pushed to the default branch or a new branch. Refuses, changing nothing, when the environment ' +
      'exists, when the project does not allow the cluster or namespace, or when a path leaves the repository. ' +
      'Outputs the branch, the commit SHA and the name of the Application that will appear. A dry run outputs and ' +
      'logs the unified diff of each file against the repository and changes nothing.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Add a qa environment to the payments ApplicationSet, copied from staging, on a new branch',
        example: [
          'steps:',
          '  - id: environment',
          '    action: slipway:environment:create',
          '    input:',
          '      applicationSet: applicationset:default/payments',
          '      environment: qa',
          '      copyFrom: staging',
          '      cluster: embedded',
          "      imageTag: '2.0.0'",
          '      replicas: 2',
          '      branch: add-qa-environment',
        ].join('\n'),
      },
      {
        description: 'Add an environment to an ApplicationSet file given by repository URL and path',
        example: [
          'steps:',
          '  - id: environment',
          '    action: slipway:environment:create',
          '    input:',
          '      repoURL: https://github.com/acme/gitops.git',
          '      filePath: applicationsets/storefront.yaml',
          '      environment: perf',
          '      copyFrom: prod',
          '      helmValues:',
          '        ingress:',
          '          host: perf.shop.example.com',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        applicationSet: z =>
          z.string().optional().describe(
            "Entity ref of the ApplicationSet, e.g. 'applicationset:default/payments'. Or give repoURL and filePath.",
          ),
        repoURL: z => z.string().optional().describe('GitOps repository URL, when no ApplicationSet entity is given'),
        filePath: z => z.string().optional().describe('Repository-relative path of the ApplicationSet file'),
        applicationSetName: z =>
          z.string().optional().describe('Name of the ApplicationSet when the file holds several'),
        environment: z => z.string().describe('Name of the new environment: lower-case letters, digits and -'),
        copyFrom: z => z.string().describe('The existing environment whose parameters and files are copied'),
        cluster: z => z.string().optional().describe('Cluster the new environment deploys to; default: as copied'),
        namespace: z =>
          z
            .string()
            .optional()
            .describe(
              'Namespace the new environment deploys to; must be what the ApplicationSet derives. Default: a namespace ' +
                'in the copied parameters follows the environment name (orders-dev becomes orders-qa)',
            ),
        environmentKey: z =>
          z.string().optional().describe('Key of the list elements that names environments; default: detected'),
        imageTag: z => z.string().optional().describe('Image tag of the new environment'),
        image: z => z.string().optional().describe('Image name in kustomize images, when the overlay has several'),
        replicas: z => z.number().int().min(0).optional().describe('Replica count of the new environment'),
        workload: z => z.string().optional().describe('Workload name in kustomize replicas, when there are several'),
        helmValues: z =>
          z.record(z.string(), z.any()).optional().describe("Values merged into the new environment's Helm values file"),
        branch: z =>
          z.string().optional().describe('Branch to commit to; a branch other than the default branch is created and must not exist'),
        createBranch: z =>
          z.boolean().optional().describe('Commit on a new branch (named by branch, or generated) instead of the default branch'),
        commitMessage: z => z.string().optional().describe('Commit message; default: says what was added'),
      },
      output: {
        branch: z => z.string().describe('The branch the commit is on'),
        commitSha: z => z.string().describe('SHA of the commit (empty in a dry run)'),
        applicationName: z => z.string().describe('Name of the Application the new environment generates'),
        applicationNames: z => z.array(z.string()).describe('All Applications the new environment generates'),
        applicationEntityRef: z => z.string().describe('Entity ref of the new Application in the catalog'),
        repoURL: z => z.string().describe('The GitOps repository'),
        changes: z =>
          z
            .array(z.object({ path: z.string(), action: z.string(), diff: z.string().optional() }))
            .describe(
              'The files the commit creates or changes; in a dry run each with its unified diff against the repository',
            ),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      let target: { repoURL: string; filePath: string; name?: string };
      let entityNamespace: string | undefined;
      if (input.applicationSet) {
        const entity = await catalog.getEntityByRef(input.applicationSet, {
          credentials: await ctx.getInitiatorCredentials(),
        });
        target = locateApplicationSet(entity, input.applicationSet, {
          localPaths: access.localPaths,
          configuredRepositories: config
            .getOptionalConfigArray('slipway.repositories')
            ?.map(r => r.getString('url')),
        });
        entityNamespace = entity?.metadata.namespace;
      } else if (input.repoURL && input.filePath) {
        target = { repoURL: input.repoURL, filePath: input.filePath, name: input.applicationSetName };
      } else {
        throw new InputError("give either 'applicationSet' (an entity ref) or both 'repoURL' and 'filePath'");
      }
      const filePath = repoRelativePath(target.filePath, 'ApplicationSet file');

      const workspace = await openWorkspace(access, target.repoURL, await ctx.createTemporaryDirectory());
      const branch = await chooseBranch(
        workspace,
        target.repoURL,
        input,
        `slipway/${target.name ?? 'applicationset'}-${input.environment}`,
      );

      const result = await addEnvironment(
        {
          dir: workspace.dir,
          repoURL: target.repoURL,
          filePath,
          applicationSetName: target.name,
          revisions: ['HEAD', workspace.defaultBranch],
          clusters,
          plugins,
          clusterDecisions,
        },
        {
          environment: input.environment,
          copyFrom: input.copyFrom,
          cluster: input.cluster || undefined,
          namespace: input.namespace || undefined,
          environmentKey: input.environmentKey,
          overrides: {
            imageTag: input.imageTag || undefined,
            image: input.image,
            replicas: input.replicas,
            workload: input.workload,
            helmValues: input.helmValues,
          },
        },
      );
      for (const app of result.applications) {
        const refusal = policy.check((app.spec as { project?: string }).project, destinationOf(app));
        if (refusal) {
          throw new InputError(`the new Application '${app.metadata.name}' cannot be deployed: ${refusal}`);
        }
      }

      const applicationNames = result.applications.map(a => a.metadata.name as string);
      const changes = await workspace.changes();
      ctx.output('repoURL', target.repoURL);
      ctx.output('branch', branch);
      ctx.output('applicationNames', applicationNames);
      ctx.output('applicationName', applicationNames[0]);
      ctx.output(
        'applicationEntityRef',
        stringifyEntityRef({
          kind: 'Application',
          // the catalog puts Applications in their ApplicationSet's namespace
          namespace: entityNamespace ?? result.catalogNamespace,
          name: applicationNames[0],
        }),
      );
      for (const change of changes) ctx.logger.info(`${change.action} ${change.path}`);

      if (ctx.isDryRun) {
        ctx.logger.info(`dry run: nothing is committed or pushed to ${target.repoURL} (branch ${branch})`);
        ctx.output('changes', await plannedChanges(workspace, changes, ctx.logger));
        ctx.output('commitSha', '');
        return;
      }
      ctx.output('changes', changes.map(c => ({ path: c.path, action: c.action })));
      const commitSha = await ctx.checkpoint({
        key: `slipway-environment-${result.applicationSet}-${input.environment}`,
        fn: () =>
          workspace.commitAndPush({
            branch,
            message:
              input.commitMessage ||
              `Add environment ${input.environment} to ApplicationSet ${result.applicationSet}\n\n` +
                `Copied from ${input.copyFrom}; generates ${applicationNames.join(', ')}.`,
            author: commitAuthor(config, ctx.user?.entity),
          }),
      });
      ctx.logger.info(`committed ${commitSha} on ${branch} of ${target.repoURL}`);
      ctx.output('commitSha', commitSha);
    },
  });
}
