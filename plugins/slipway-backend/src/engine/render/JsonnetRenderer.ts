import fs from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { redactText } from '@slipway/plugin-slipway-node';
import { substituteBuildEnvironment } from './buildEnvironment';
import { resolveConfined } from './confine';
import { jsonnetArgs } from './jsonnetArgs';
import { confineJsonnetImports } from './jsonnetImportGuard';
import { readJsonnetOptions } from './jsonnetOptions';
import { isObject } from './isObject';
import { ManifestParseError, toKubeObjects } from './parseManifests';
import type { ProcessRunner } from './ProcessRunner';
import { RenderError } from './RenderError';
import { runTool, type RenderTools } from './runTool';
import type { JsonnetVariable, RenderLimits } from './types';

/** util-linux's prlimit, which caps a jsonnet run's memory where it is installed. */
const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find(p => fs.existsSync(p));

/** The jsonnet binary, or why there is none (what to do included). */
export type JsonnetProgram = { command: string; version: string } | { problem: string };

/** The jsonnet of the located tools, or why there is none when they (or it) could not be located. */
export function jsonnetProgramOf(tools: RenderTools | undefined, toolsError: unknown, secrets: string[]): JsonnetProgram {
  if (tools?.jsonnet) {
    return { command: tools.jsonnet, version: tools.jsonnetVersion ?? '' };
  }
  if (tools) {
    return { problem: tools.jsonnetProblem ?? 'jsonnet was not located; install jsonnet or set slipway.tools.jsonnet' };
  }
  const reason = redactText(String((toolsError as Error)?.message ?? 'unknown reason'), secrets);
  // helm and kubectl are looked up together with jsonnet: their failure (with its own advice) is the reason
  return { problem: `the rendering tools, jsonnet among them, could not be located: ${reason}` };
}

/** What every Jsonnet file of a render shares. */
export interface JsonnetSetup {
  program: JsonnetProgram;
  /** Argo CD's build environment, substituted into `$VAR`s of extVars and tlas. */
  environment: Record<string, string>;
  /** The render's scratch folder (HOME, TMPDIR of jsonnet), made on first use. */
  workDir: () => Promise<string>;
  /** Values to redact from jsonnet's messages. */
  secrets: string[];
}

export interface JsonnetRenderInput {
  appName: string;
  /** Real path of the repository root. */
  root: string;
  /** Real path of the source's folder. */
  appDir: string;
  /** The `.jsonnet` file, relative to appDir (`/`-separated). */
  file: string;
  /** `directory.jsonnet` as the Application wrote it. */
  options: unknown;
  setup: JsonnetSetup;
  limits: RenderLimits;
}

function kindOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Evaluates one `.jsonnet` file of a directory source with the jsonnet
 * binary, like Argo CD: `directory.jsonnet` external variables and
 * top-level arguments (`$VAR`s of the build environment substituted), the
 * source folder and `libs` (relative to the repository root, confined to
 * it) as library folders. Imports are checked to stay inside the
 * repository before jsonnet runs. The result must be a Kubernetes object or
 * an array of them (`null` items are skipped, `List` kinds flattened).
 */
export class JsonnetRenderer {
  constructor(private readonly runner: ProcessRunner) {}

  async render(input: JsonnetRenderInput): Promise<{ manifests: KubeObject[]; bytes: number }> {
    const { appName, root, appDir, setup, limits } = input;
    const shown = `"${input.file}"`;
    const program = setup.program;
    if ('problem' in program) {
      throw new RenderError('tool-failed', appName, `${shown} is a Jsonnet file, but ${program.problem}`);
    }
    const options = readJsonnetOptions(appName, input.options);
    const libDirs: string[] = [];
    for (const lib of options.libs) {
      const resolved = await resolveConfined({
        appName,
        root,
        base: root,
        target: lib,
        what: 'directory.jsonnet.libs folder',
        hint: 'list folders inside the repository (paths are relative to its root)',
      });
      libDirs.push(resolved.path);
    }
    const substitute = (v: JsonnetVariable) => ({ ...v, value: substituteBuildEnvironment(v.value, setup.environment) });
    const extVars = options.extVars.map(substitute);
    const tlas = options.tlas.map(substitute);
    const file = path.join(appDir, ...input.file.split('/'));
    const searchDirs = [appDir, ...libDirs];

    await confineJsonnetImports({
      appName,
      root,
      file,
      display: shown,
      searchDirs,
      cwd: appDir,
      codeValues: [
        ...extVars.filter(v => v.code).map(v => ({ what: `directory.jsonnet.extVars "${v.name}"`, code: v.value })),
        ...tlas.filter(v => v.code).map(v => ({ what: `directory.jsonnet.tlas "${v.name}"`, code: v.value })),
      ],
      limits,
    });

    const args = jsonnetArgs({ file, searchDirs, extVars, tlas });
    const capped = PRLIMIT !== undefined;
    const stdout = await runTool(this.runner, {
      appName,
      toolName: `jsonnet (evaluating ${shown})`,
      // a Jsonnet program can ask for any amount of memory: the run gets an address-space cap
      command: capped ? PRLIMIT : program.command,
      args: capped ? [`--as=${limits.jsonnetMemoryBytes}`, '--', program.command, ...args] : args,
      cwd: appDir,
      workDir: await setup.workDir(),
      root,
      limits,
      secrets: setup.secrets,
      hint: `fix ${shown} or the directory.jsonnet options of the source${
        capped ? ` (a jsonnet run may use ${Math.round(limits.jsonnetMemoryBytes / 1024 / 1024)} MiB of memory)` : ''
      }`,
    });
    return { manifests: this.toManifests(appName, shown, stdout), bytes: Buffer.byteLength(stdout) };
  }

  private toManifests(appName: string, shown: string, stdout: string): KubeObject[] {
    let value: unknown;
    try {
      value = JSON.parse(stdout);
    } catch (e) {
      throw new RenderError(
        'invalid-manifest',
        appName,
        `jsonnet printed something that is not JSON for ${shown} (${(e as Error).message}); check the jsonnet binary`,
      );
    }
    if (isObject(value) && (typeof value.apiVersion !== 'string' || typeof value.kind !== 'string')) {
      const ofObjects = Object.keys(value).length > 0 && Object.values(value).every(isObject);
      throw new RenderError(
        'invalid-manifest',
        appName,
        `${shown} evaluates to an object that is not a Kubernetes object (it needs string fields apiVersion and kind); ` +
          `make it return a Kubernetes object or an array of them${
            ofObjects ? ' (for an object of objects, e.g. std.objectValues(...))' : ''
          }`,
      );
    }
    if (!isObject(value) && !Array.isArray(value)) {
      throw new RenderError(
        'invalid-manifest',
        appName,
        `${shown} evaluates to ${kindOfValue(value)}, not a Kubernetes object or an array of them; ` +
          'make the file return objects with apiVersion and kind',
      );
    }
    try {
      if (!Array.isArray(value)) {
        return toKubeObjects(value, shown);
      }
      // like Argo CD, null items are skipped
      return value.flatMap((item, i) => (item === null ? [] : toKubeObjects(item, `${shown} item ${i + 1}`)));
    } catch (e) {
      if (e instanceof ManifestParseError) {
        throw new RenderError('invalid-manifest', appName, e.message);
      }
      throw e;
    }
  }
}

/** True for a file that DirectoryRenderer evaluates with jsonnet (`*.libsonnet` files are only imported). */
export function isJsonnetFile(name: string): boolean {
  return /\.jsonnet$/i.test(name);
}
