import fs from 'node:fs';
import path from 'node:path';
import { redactUrl, type BasicAuth } from '@slipway/plugin-slipway-node';
import { copyChartWithLocalDependencies } from './chartCopy';
import { readChartDependencies, type ChartDependency, type DependencyOrigin } from './chartDependencies';
import { withoutScheme } from './ociReference';
import type { OciRegistryAccess, OciRepositorySettings } from './ociRepositorySettings';
import type { ProcessRunner } from './ProcessRunner';
import { RenderError } from './RenderError';
import { runTool, type RenderTools, type ToolRun } from './runTool';
import type { RenderLimits } from './types';

export interface DependencyBuildInput {
  appName: string;
  /** Real path of the root paths are confined to (the repository, or the unpacked chart). */
  root: string;
  /** Real path of the chart folder (read-only, shared: it is copied, never written). */
  chartDir: string;
  tools: RenderTools;
  limits: RenderLimits;
  /** Private scratch folder of this render: the copy and Helm's HOME live here. */
  workDir: string;
  secrets: string[];
  /** Credentials configured for a repository URL (`slipway.repositories`); undefined: anonymous. */
  credentialsFor?: (url: string) => BasicAuth | undefined;
  /** `helm.passCredentials`: send a repository's credentials to other hosts it links charts on. */
  passCredentials: boolean;
  /** OCI settings of `slipway.repositories` (credentials, `insecureOCIForceHttp`) for `oci://` dependencies. */
  oci?: OciRepositorySettings;
}

export interface BuiltChart {
  /** The chart folder in the copy, its `charts/` filled. */
  chartDir: string;
  /** The copy of the repository folders (shown as `<repo>` in tool messages). */
  copyRoot: string;
}

type Remote = { dependency: ChartDependency; url: string };

/** What to configure for a private repository. */
function configureFor(url: string): string {
  return `configure credentials for ${url} in slipway.repositories (url, username and password, or token)`;
}

/**
 * Builds the dependencies a chart declares but does not vendor, the way
 * Argo CD's repo server does when `helm template` reports them missing:
 * registers each http(s) repository with `helm repo add` (with the
 * credentials configured for its URL), logs in to OCI registries that have
 * credentials, and runs `helm dependency build`. All of it happens in a
 * copy of the chart in the render's scratch folder, with the render's
 * isolated Helm folders: the checkout stays read-only and shared.
 */
export class HelmDependencyBuilder {
  constructor(private readonly runner: ProcessRunner) {}

  async build(input: DependencyBuildInput): Promise<BuiltChart> {
    const { appName, root, chartDir, limits } = input;
    const shownPath = path.relative(root, chartDir).split(path.sep).join('/') || '.';
    const declared = await readChartDependencies(appName, chartDir, shownPath, limits.maxAliasCount);
    const label = `chart "${declared.chartName}" at ${shownPath}`;
    const locals: Array<{ name: string; path: string }> = [];
    const http: Remote[] = [];
    const oci: Remote[] = [];
    for (const dependency of declared.dependencies) {
      const origin = dependency.origin;
      if (origin.kind === 'file') locals.push({ name: dependency.name, path: origin.path });
      else if (origin.kind === 'http') http.push({ dependency, url: origin.url });
      else if (origin.kind === 'oci') oci.push({ dependency, url: origin.url });
      else this.refuseUnresolvable(appName, label, dependency, origin, declared.declaredIn, chartDir);
    }

    const copyRoot = path.join(input.workDir, 'chart-copy');
    const copiedChart = await copyChartWithLocalDependencies({
      appName,
      root,
      chartDir,
      localDependencies: locals,
      copyRoot,
      maxFiles: limits.maxFiles,
      label,
    });
    const run = (toolRun: Pick<ToolRun, 'toolName' | 'args' | 'hint' | 'stdin'>, secret?: string) =>
      runTool(this.runner, {
        ...toolRun,
        appName,
        command: input.tools.helm,
        cwd: copiedChart,
        workDir: input.workDir,
        root,
        copyOfRoot: copyRoot,
        limits,
        secrets: secret ? [...input.secrets, secret] : input.secrets,
      });

    for (const [i, { dependency, url }] of distinct(http, u => u.replace(/\/+$/, '')).entries()) {
      const auth = input.credentialsFor?.(url);
      const args = ['repo', 'add', `dependency-${i}`, url];
      if (auth) args.push('--username', auth.username, '--password-stdin');
      if (auth && input.passCredentials) args.push('--pass-credentials');
      await run(
        {
          toolName: `helm repo add ${redactUrl(url)} (for dependency "${dependency.name}" of ${label})`,
          args,
          stdin: auth?.password,
          hint: auth
            ? `the credentials configured for ${redactUrl(url)} in slipway.repositories were used: check them, or vendor the chart in charts/`
            : `if the repository needs credentials, ${configureFor(redactUrl(url))}; or vendor the chart in charts/`,
        },
        auth?.password,
      );
    }
    const registries = distinct(oci, registryOf).map(remote => ({ ...remote, access: this.ociAccess(input, remote) }));
    const plainHttp = this.plainHttpFor(appName, label, registries);
    for (const { dependency, url, access } of registries) {
      const auth = access.auth;
      if (!auth) continue; // anonymous pulls need no login
      // the login is written to this render's own Helm folder (HELM_CONFIG_HOME in the scratch folder)
      const login = ['registry', 'login', registryOf(url), '--username', auth.username, '--password-stdin'];
      await run(
        {
          toolName: `helm registry login ${registryOf(url)} (for dependency "${dependency.name}" of ${label})`,
          args: plainHttp ? [...login, '--plain-http'] : login,
          stdin: auth.password,
          hint: `check the credentials configured for ${redactUrl(url)} in slipway.repositories, or vendor the chart in charts/`,
        },
        auth.password,
      );
    }
    // --skip-refresh: `helm repo add` has just fetched each index into the scratch cache
    await run({
      toolName: `helm dependency build (${label})`,
      args: ['dependency', 'build', copiedChart, '--skip-refresh', ...(plainHttp ? ['--plain-http'] : [])],
      hint:
        `check the dependencies' names, versions and repositories in ${declared.declaredIn} (and its lock file); ` +
        `for a private repository, ${configureFor('its URL')}; or vendor the dependencies in charts/`,
    });
    return { chartDir: copiedChart, copyRoot };
  }

  /** Dependencies Helm cannot fetch here fail with what to change, before any tool runs. */
  private refuseUnresolvable(
    appName: string,
    label: string,
    dependency: ChartDependency,
    origin: DependencyOrigin,
    declaredIn: string,
    chartDir: string,
  ): void {
    const what = `dependency "${dependency.name}" of ${label}`;
    if (origin.kind === 'named') {
      throw new RenderError(
        'invalid-source',
        appName,
        `${what} uses the named Helm repository "${dependency.repository}", and Slipway keeps no named repositories; ` +
          `set its repository in ${declaredIn} to the repository's URL (https://… or oci://…) and, if it needs ` +
          `credentials, ${configureFor('that URL')}; or vendor the chart in charts/`,
      );
    }
    if (origin.kind === 'unsupported') {
      throw new RenderError(
        'invalid-source',
        appName,
        `${what} uses the repository "${redactUrl(dependency.repository)}", which needs a Helm plugin; ` +
          'use an http(s)://, oci:// or file:// repository, or vendor the chart in charts/',
      );
    }
    if (origin.kind === 'vendored' && !isVendored(chartDir, dependency.name)) {
      throw new RenderError(
        'invalid-source',
        appName,
        `${what} has no repository and is not in the chart's charts/ folder; vendor the chart in charts/ ` +
          `or set its repository in ${declaredIn}`,
      );
    }
  }

  /**
   * Credentials and transport for an OCI dependency: from the OCI settings for
   * `<url>/<name>` (which match entries with or without oci:// or https://);
   * without settings, the credentials configured for its oci:// URL or the
   * same registry path over https.
   */
  private ociAccess(input: DependencyBuildInput, { dependency, url }: Remote): OciRegistryAccess {
    if (input.oci) {
      const [registry, ...rest] = withoutScheme(url).split('/');
      return input.oci.accessFor({ registry, repository: [...rest, dependency.name].join('/') });
    }
    const auth = input.credentialsFor?.(url) ?? input.credentialsFor?.(url.replace(/^oci:\/\//i, 'https://'));
    return { plainHttp: false, auth };
  }

  /**
   * `helm dependency build --plain-http` is for every OCI dependency at once:
   * registries over plain HTTP (`insecureOCIForceHttp`) and over HTTPS cannot
   * be mixed in one chart.
   */
  private plainHttpFor(appName: string, label: string, registries: Array<Remote & { access: OciRegistryAccess }>): boolean {
    const plain = registries.filter(r => r.access.plainHttp).map(r => registryOf(r.url));
    const secure = registries.filter(r => !r.access.plainHttp).map(r => registryOf(r.url));
    if (plain.length > 0 && secure.length > 0) {
      throw new RenderError(
        'invalid-source',
        appName,
        `the OCI dependencies of ${label} come from registries over plain HTTP (${plain.join(', ')}) and over HTTPS ` +
          `(${secure.join(', ')}), and helm dependency build reads all of them one way; ` +
          'vendor the charts of one kind in charts/, or serve the registries alike',
      );
    }
    return plain.length > 0;
  }
}

/** `host[:port]` of an `oci://` URL: what `helm registry login` takes. */
function registryOf(url: string): string {
  return url.replace(/^oci:\/\//i, '').split('/')[0];
}

/** The first entry per key, in order. */
function distinct(remotes: Remote[], keyOf: (url: string) => string): Remote[] {
  const seen = new Set<string>();
  return remotes.filter(r => {
    const key = keyOf(r.url).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Is the chart in `charts/`, as a folder or an archive? */
function isVendored(chartDir: string, name: string): boolean {
  const charts = path.join(chartDir, 'charts');
  try {
    return fs.readdirSync(charts).some(f => f === name || (f.startsWith(`${name}-`) && f.endsWith('.tgz')));
  } catch {
    return false;
  }
}
