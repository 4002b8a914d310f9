import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { findRepoRoot, GitTestServer } from '@slipway/test-utils';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const DEMO_REPO_URL = 'https://git.example.com/slipway/demo-gitops.git';
export const GIT_AUTH = { username: 'gitops-bot', password: 's3cret-token' };

async function readTree(root: string, rel = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, await readTree(root, child));
    else out[child] = await fs.readFile(path.join(root, child), 'utf8');
  }
  return out;
}

/** The demo GitOps repository on a real Git server, its ApplicationSets naming the server's URL. */
export async function startGitopsRepository() {
  const server = await GitTestServer.start({ auth: GIT_AUTH });
  const repoURL = server.urlOf('gitops');
  const files = await readTree(path.join(findRepoRoot(), 'examples/gitops'));
  for (const [name, content] of Object.entries(files)) {
    files[name] = content.split(DEMO_REPO_URL).join(repoURL);
  }
  const { dir } = await server.createRepo('gitops', files);
  const git = async (...args: string[]) =>
    (await promisify(execFile)('git', args, { cwd: dir })).stdout.trim();
  return {
    server,
    repoURL,
    files,
    head: (branch?: string) => server.headOf('gitops', branch),
    branches: async () => (await git('for-each-ref', '--format=%(refname:short)', 'refs/heads')).split('\n'),
    /** `A path` / `M path` lines of what a commit changed. */
    changedFiles: async (sha: string) =>
      (await git('diff-tree', '--no-commit-id', '--name-status', '-r', `${sha}^`, sha))
        .split('\n')
        .map(l => l.replace(/\t/, ' ')),
    show: (sha: string, file: string) => git('show', `${sha}:${file}`),
    parentOf: (sha: string) => git('rev-parse', `${sha}^`),
    pushes: () => server.requests.filter(r => r.service === 'git-receive-pack' && r.method === 'POST').length,
  };
}

/** Configuration of the actions for a repository on the test server. */
export function actionConfig(repoURL: string, extra: Record<string, unknown> = {}) {
  return new ConfigReader({
    slipway: {
      clusters: [
        { name: 'embedded', url: 'embedded' },
        { name: 'edge', url: 'https://edge.example.com' },
      ],
      repositories: [{ url: repoURL, ...GIT_AUTH }],
      ...extra,
    },
  });
}

/** A scaffolder action context with a real temporary directory and a logger that records. */
export function actionContext(input: Record<string, unknown>, options: { isDryRun?: boolean } = {}) {
  const dirs: string[] = [];
  const logger = mockServices.logger.mock();
  const ctx = createMockActionContext({ input: input as any, logger });
  return {
    ...ctx,
    isDryRun: options.isDryRun,
    /** The messages logged at info level, in order. */
    logs: () => logger.info.mock.calls.map(call => String(call[0])),
    createTemporaryDirectory: async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slipway-action-'));
      dirs.push(dir);
      return dir;
    },
    outputs: () => Object.fromEntries((ctx.output as jest.Mock).mock.calls),
    cleanup: () => Promise.all(dirs.map(d => fs.rm(d, { recursive: true, force: true }))),
  };
}

/** The repository {@link startGitopsRepository} serves. */
export type GitopsRepository = Awaited<ReturnType<typeof startGitopsRepository>>;

/**
 * The GitOps repository of a describe block: started (and seeded) before
 * its tests, stopped after them; the temporary folders of the action
 * contexts its tests track are removed after each test.
 */
export function useGitopsRepository(seed?: (repo: GitopsRepository) => Promise<void>) {
  let repo: GitopsRepository | undefined;
  let contexts: Array<{ cleanup(): Promise<unknown> }> = [];
  beforeAll(async () => {
    repo = await startGitopsRepository();
    await seed?.(repo);
  });
  afterAll(() => repo?.server.stop());
  afterEach(async () => {
    await Promise.all(contexts.map(c => c.cleanup()));
    contexts = [];
  });
  return {
    get repo(): GitopsRepository {
      if (!repo) throw new Error('the GitOps repository starts in beforeAll');
      return repo;
    },
    track<T extends { cleanup(): Promise<unknown> }>(ctx: T): T {
      contexts.push(ctx);
      return ctx;
    },
  };
}
