import path from 'node:path';
import { redactText } from '@slipway/plugin-slipway-node';
import type { ProcessRunner } from './ProcessRunner';
import { RenderError } from './RenderError';
import type { RenderLimits } from './types';

/** The programs renderers run. */
export interface RenderTools {
  helm: string;
  kubectl: string;
  /** A standalone `kustomize` binary; when set it is used instead of `kubectl kustomize`. */
  kustomize?: string;
  helmVersion: string;
  kubectlVersion: string;
  kustomizeVersion?: string;
  /** jsonnet, for `*.jsonnet` files of directory sources; optional. */
  jsonnet?: string;
  jsonnetVersion?: string;
  /** Why jsonnet is missing and what to do, when `jsonnet` is not set. */
  jsonnetProblem?: string;
}

export interface ToolRun {
  appName: string;
  /** Names the tool in errors, e.g. "helm template". */
  toolName: string;
  command: string;
  args: string[];
  cwd: string;
  /** Private scratch folder of this render: HOME and Helm's folders live here. */
  workDir: string;
  /** Real path of the repository root, shown as `<repo>` in errors. */
  root?: string;
  limits: RenderLimits;
  /** Values to redact from the tool's messages (credentials, --set values). */
  secrets: string[];
  /** Written to the tool's stdin (a password for `--password-stdin`: never in `args`). */
  stdin?: string;
  /** What to do, appended to the message when the tool fails. */
  hint?: string;
  /** Real path of a scratch copy of repository folders (a chart whose dependencies are built), shown as `<repo>` too. */
  copyOfRoot?: string;
}

/**
 * The whole environment of a tool: no inherited variables (so no tokens or
 * kubeconfig reach it), HOME and Helm's folders in the render's scratch folder.
 */
export function toolEnv(workDir: string, extraPath: string[]): Record<string, string> {
  const home = path.join(workDir, 'home');
  return {
    PATH: [...new Set([...extraPath, '/usr/local/bin', '/usr/bin', '/bin'])].join(path.delimiter),
    HOME: home,
    TMPDIR: path.join(workDir, 'tmp'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    HELM_CACHE_HOME: path.join(home, 'helm', 'cache'),
    HELM_CONFIG_HOME: path.join(home, 'helm', 'config'),
    HELM_DATA_HOME: path.join(home, 'helm', 'data'),
    KUBECONFIG: path.join(home, 'no-kubeconfig'),
    LANG: 'C',
  };
}

/** Replaces scratch and repository paths in tool messages by placeholders, then redacts secrets. */
function cleanMessage(text: string, run: ToolRun): string {
  let out = text;
  // longest first: the copy of the repository lies inside the scratch folder
  const replacements: Array<[string | undefined, string]> = [
    [run.copyOfRoot, '<repo>'],
    [run.workDir, '<work>'],
    [run.root, '<repo>'],
  ];
  replacements.sort((a, b) => (b[0]?.length ?? 0) - (a[0]?.length ?? 0));
  for (const [p, label] of replacements) {
    if (p) {
      out = out.split(p).join(label);
    }
  }
  out = redactText(out, run.secrets).trim();
  return out.length > 4000 ? `${out.slice(0, 4000)}…` : out;
}

/** Runs a tool and returns its stdout, or throws a RenderError with its own message. */
export async function runTool(runner: ProcessRunner, run: ToolRun): Promise<string> {
  const result = await runner.run({
    command: run.command,
    args: run.args,
    cwd: run.cwd,
    env: toolEnv(run.workDir, [path.dirname(run.command)]),
    stdin: run.stdin,
    timeoutMs: run.limits.timeoutMs,
    maxOutputBytes: run.limits.maxManifestBytes,
  });
  if (result.timedOut) {
    throw new RenderError(
      'limit-exceeded',
      run.appName,
      `${run.toolName} did not finish within ${Math.round(run.limits.timeoutMs / 1000)} s and was stopped; ` +
        'simplify the source or raise the render time limit',
    );
  }
  if (result.outputTooLarge) {
    throw new RenderError(
      'limit-exceeded',
      run.appName,
      `${run.toolName} produced more than ${run.limits.maxManifestBytes} bytes of manifests and was stopped; ` +
        'split the application or raise the manifest size limit',
    );
  }
  if (result.exitCode !== 0) {
    const how = result.exitCode === null ? `was killed (${result.signal ?? 'error'})` : `exited with ${result.exitCode}`;
    throw new RenderError(
      'tool-failed',
      run.appName,
      `${run.toolName} ${how}: ${cleanMessage(result.stderr, run) || '(no message)'}${run.hint ? `; ${run.hint}` : ''}`,
    );
  }
  return result.stdout;
}
