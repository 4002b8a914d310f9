/**
 * Runs the diff cases of a conformance corpus (gitops-engine's diff test
 * fixtures, described by `cases.json`) through Slipway's diff and counts
 * how many give the `Modified` verdict the upstream tests assert.
 */
import { promises as fs } from 'fs';
import path from 'path';
import { parseAllDocumentsLikeGo } from '../yaml';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { diffResource } from '../diff';
import type { DiffResourceOptions } from '../diff';

/** One record of `cases.json`. */
interface DiffCase {
  id: string;
  mode: string;
  config: string;
  live: string;
  predictedLive?: string | null;
  expectedModified: boolean;
  options?: {
    ignoreAggregatedRoles?: boolean;
    manager?: string;
    ignoreMutationWebhook?: boolean;
    removeFields?: string[][];
  };
}

/** Result of a diff conformance run. @public */
export interface DiffConformanceResult {
  passed: number;
  total: number;
  byMode: Record<string, { passed: number; total: number }>;
  failures: Array<{ id: string; expected: unknown; actual: unknown }>;
}

async function readFixture(corpusDir: string, relative: string): Promise<KubeObject> {
  const root = path.resolve(corpusDir);
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) {
    throw new Error(`fixture path '${relative}' leaves the corpus folder`);
  }
  const text = await fs.readFile(file, 'utf8');
  const obj = file.endsWith('.json') ? JSON.parse(text) : firstYamlDocument(text, relative);
  if (typeof obj !== 'object' || obj === null) throw new Error(`fixture '${relative}' is not an object`);
  return obj as KubeObject;
}

/** The first document of a YAML fixture, read as Argo CD's go-yaml reads it. */
function firstYamlDocument(text: string, relative: string): unknown {
  const [doc] = parseAllDocumentsLikeGo(text);
  if (!doc) return undefined;
  if (doc.errors.length > 0) throw new Error(`fixture '${relative}': ${doc.errors[0].message}`);
  return doc.toJS();
}

function pointerOf(fields: string[]): string {
  return `/${fields.map(f => f.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/** The diff options equivalent to the upstream test's options. */
function optionsFor(c: DiffCase, predictedLive: KubeObject | null): DiffResourceOptions {
  const o = c.options ?? {};
  const removeFields = o.removeFields ?? [];
  return {
    // The upstream tests call the diff library directly, without Argo CD's status override.
    ignoreResourceStatusField: 'off',
    ignoreAggregatedRoles: o.ignoreAggregatedRoles ?? false,
    manager: o.manager,
    ignoreMutationWebhook: o.ignoreMutationWebhook ?? true,
    ignoreDifferences: removeFields.length
      ? [{ group: '*', kind: '*', jsonPointers: removeFields.map(pointerOf) }]
      : [],
    serverSideDiff: c.mode === 'server-side',
    structuredMergeDiff: c.mode === 'structured-merge',
    predictedLive,
  };
}

async function runCase(corpusDir: string, c: DiffCase): Promise<boolean | string> {
  const config = await readFixture(corpusDir, c.config);
  const live = await readFixture(corpusDir, c.live);
  const predictedLive = c.predictedLive ? await readFixture(corpusDir, c.predictedLive) : null;
  return diffResource(config, live, optionsFor(c, predictedLive)).modified;
}

/**
 * Runs every case of `<corpusDir>/cases.json`. A case whose diff throws
 * counts as failed, with the error message as its actual value.
 * @public
 */
export async function runDiffConformance(corpusDir: string): Promise<DiffConformanceResult> {
  const casesFile = path.join(corpusDir, 'cases.json');
  let cases: DiffCase[];
  try {
    cases = JSON.parse(await fs.readFile(casesFile, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read diff cases from ${casesFile}: ${(error as Error).message}`);
  }
  if (!Array.isArray(cases)) throw new Error(`${casesFile} must hold a JSON array of cases`);
  const result: DiffConformanceResult = { passed: 0, total: 0, byMode: {}, failures: [] };
  for (const c of cases) {
    const mode = (result.byMode[c.mode] ??= { passed: 0, total: 0 });
    result.total += 1;
    mode.total += 1;
    let actual: boolean | string;
    try {
      actual = await runCase(corpusDir, c);
    } catch (error) {
      actual = `error: ${(error as Error).message}`;
    }
    if (actual === c.expectedModified) {
      result.passed += 1;
      mode.passed += 1;
    } else {
      result.failures.push({ id: c.id, expected: { modified: c.expectedModified }, actual: typeof actual === 'boolean' ? { modified: actual } : actual });
    }
  }
  return result;
}
