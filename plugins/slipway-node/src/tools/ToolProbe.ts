import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PROBE_TIMEOUT_MS = 60_000;

/** Runs a program and returns its stdout; rejects with stderr in the message. */
export function run(
  file: string,
  args: string[],
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const detail = String(stderr || stdout || '').trim().split('\n').slice(-3).join(' ');
          reject(
            new Error(
              `\`${path.basename(file)} ${args.join(' ')}\` failed: ${error.message.split('\n')[0]}${
                detail ? ` (${detail})` : ''
              }`,
            ),
          );
          return;
        }
        resolve(String(stdout));
      },
    );
  });
}

/**
 * Checks that `file` is a working helm by running `helm version --short`;
 * returns the version (e.g. `v4.1.4`).
 */
export async function probeHelm(file: string): Promise<string> {
  const output = await run(file, ['version', '--short']);
  const match = /v?\d+\.\d+\.\d+[0-9A-Za-z.-]*/.exec(output);
  if (!match) {
    throw new Error(`\`helm version --short\` printed no version: ${output.trim().slice(0, 200)}`);
  }
  return match[0].startsWith('v') ? match[0] : `v${match[0]}`;
}

/**
 * Checks that `file` is a working kubectl: `kubectl version --client` must
 * print a client version, and `kubectl kustomize` must really build a small
 * kustomization (some PATH entries are dispatcher wrappers, e.g. from cloud
 * SDKs, that answer `version` but cannot run the real command). Returns the
 * client version (e.g. `v1.33.9`).
 */
export async function probeKubectl(file: string): Promise<string> {
  const output = await run(file, ['version', '--client']);
  const match = /Client Version:\s*(v?\d+\.\d+\.\d+[0-9A-Za-z.+-]*)/.exec(output);
  if (!match) {
    throw new Error(`\`kubectl version --client\` printed no client version: ${output.trim().slice(0, 200)}`);
  }

  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-kustomize-probe-'));
  try {
    await fs.promises.writeFile(
      path.join(dir, 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: probe-\nresources:\n  - configmap.yaml\n',
    );
    await fs.promises.writeFile(
      path.join(dir, 'configmap.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: check\ndata:\n  ok: "true"\n',
    );
    const built = await run(file, ['kustomize', dir]);
    if (!/name:\s*probe-check/.test(built)) {
      throw new Error(
        `\`kubectl kustomize\` did not apply the kustomization (expected a ConfigMap named probe-check): ${built
          .trim()
          .slice(0, 200)}`,
      );
    }
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
  return match[1].startsWith('v') ? match[1] : `v${match[1]}`;
}

/**
 * Checks that `file` is a working jsonnet (the C++ `jsonnet` or go-jsonnet):
 * `jsonnet --version` must print a version and a small program must evaluate
 * with an external variable. Returns the version (e.g. `v0.18.0`).
 */
export async function probeJsonnet(file: string): Promise<string> {
  const output = await run(file, ['--version']);
  const match = /Jsonnet commandline interpreter.*?(v?\d+\.\d+\.\d+[0-9A-Za-z.+-]*)/.exec(output);
  if (!match) {
    throw new Error(`\`jsonnet --version\` printed no Jsonnet version: ${output.trim().slice(0, 200)}`);
  }
  const evaluated = await run(file, ['--ext-str', 'probe=ok', '-e', "{ check: std.extVar('probe') + '-' + (1 + 1) }"]);
  if (!/"check":\s*"ok-2"/.test(evaluated)) {
    throw new Error(`jsonnet did not evaluate a small program (expected "ok-2"): ${evaluated.trim().slice(0, 200)}`);
  }
  return match[1].startsWith('v') ? match[1] : `v${match[1]}`;
}

/** First executable file called `name` in the PATH-style list `searchPath`. */
export function findOnPath(name: string, searchPath: string | undefined): string | undefined {
  if (!searchPath) {
    return undefined;
  }
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    for (const candidateName of names) {
      const candidate = path.resolve(dir, candidateName);
      try {
        const stat = fs.statSync(candidate);
        if (stat.isFile()) {
          fs.accessSync(candidate, fs.constants.X_OK);
          return candidate;
        }
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}
