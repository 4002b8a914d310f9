import { promises as fs } from 'fs';
import path from 'path';
import { parseAllDocumentsLikeGo } from '../yaml';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { HealthAssessor } from '../health/HealthAssessor';
import type { ResourceHealth } from '../health/types';

/** One record of a health corpus's `cases.json`. @public */
export interface HealthCase {
  id: string;
  kind: string;
  apiVersion: string;
  group?: string;
  kindCategory?: string;
  file: string | null;
  inlineObject?: Record<string, unknown>;
  expectedStatus: string | null;
  expectedMessage: string | null;
  expectNoHealth?: boolean;
  layer: string;
}

/** Expected or actual outcome of a case; null is "no health". @public */
export type HealthOutcome = { status: string; message?: string } | null;

/** A case that did not pass. @public */
export interface HealthCaseFailure {
  id: string;
  expected: HealthOutcome;
  actual: HealthOutcome;
}

/** Pass counts. @public */
export interface PassCount {
  passed: number;
  total: number;
}

/** Result of a health conformance run. @public */
export interface HealthConformanceResult extends PassCount {
  byLayer: Record<string, PassCount>;
  failures: HealthCaseFailure[];
}

/** Options of {@link runHealthConformance}. @public */
export interface HealthConformanceOptions {
  /** Folder of Argo CD-format Lua health scripts for kinds without a check. */
  luaDir?: string;
  /** Use Slipway's CRD checks (default true). */
  crdChecks?: boolean;
}

/** Loads a case's object: the first YAML document of its fixture, or the inline object. */
export async function loadCaseObject(
  corpusDir: string,
  c: HealthCase,
): Promise<KubeObject> {
  let obj: Record<string, unknown>;
  if (c.file) {
    const file = path.resolve(corpusDir, c.file);
    const text = await fs.readFile(file, 'utf8');
    const doc = parseAllDocumentsLikeGo(text, { uniqueKeys: false }).find(
      d => !('empty' in d) && d.contents !== null,
    );
    if (!doc || 'empty' in doc) {
      throw new Error(`case ${c.id}: fixture ${c.file} has no YAML document`);
    }
    if (doc.errors.length > 0) {
      throw new Error(
        `case ${c.id}: fixture ${c.file}: ${doc.errors[0].message}`,
      );
    }
    obj = doc.toJS() as Record<string, unknown>;
  } else if (c.inlineObject) {
    obj = structuredClone(c.inlineObject);
  } else {
    throw new Error(`case ${c.id}: neither file nor inlineObject is set`);
  }
  // Inline objects come from Go tests that call a check directly: they carry
  // no apiVersion/kind, so the case's own values route them.
  if (typeof obj.apiVersion !== 'string') obj.apiVersion = c.apiVersion;
  if (typeof obj.kind !== 'string') obj.kind = c.kind;
  if (obj.metadata === null || typeof obj.metadata !== 'object')
    obj.metadata = {};
  return obj as KubeObject;
}

/** True when the actual health satisfies the case. */
export function casePasses(
  c: HealthCase,
  actual: ResourceHealth | undefined,
): boolean {
  if (c.expectNoHealth || c.expectedStatus === null)
    return actual === undefined;
  if (!actual || actual.status !== c.expectedStatus) return false;
  if (c.expectedMessage === null) return true;
  return (actual.message ?? '') === c.expectedMessage;
}

/** Reads and checks a corpus's `cases.json`. */
export async function readHealthCases(
  corpusDir: string,
): Promise<HealthCase[]> {
  const file = path.join(corpusDir, 'cases.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(
      `Cannot read the health corpus ${file}: ${
        (e as Error).message
      }. Pass --corpus with a folder that holds cases.json.`,
    );
  }
  if (!Array.isArray(parsed)) {
    throw new Error(
      `The health corpus ${file} must hold a JSON array of cases.`,
    );
  }
  return parsed as HealthCase[];
}

/**
 * Runs every case of a health corpus through Slipway's health assessment
 * (built-in, CRD checks, then the Lua scripts of `luaDir`; a case of the
 * `lua` layer meets its kind's check even when the object is being
 * deleted, as Argo CD runs the script in its tests) and counts the
 * passes per layer. A case whose fixture cannot be read fails with an
 * Unknown health naming the reason; it does not stop the run.
 * @public
 */
export async function runHealthConformance(
  corpusDir: string,
  options: HealthConformanceOptions = {},
): Promise<HealthConformanceResult> {
  const cases = await readHealthCases(corpusDir);
  const assessor = await HealthAssessor.create({
    luaDir: options.luaDir,
    crdChecks: options.crdChecks,
  });
  // Argo CD tests a bundled script by running it on the object directly, so
  // an object being deleted meets the script, not the controller's
  // "Pending deletion" that comes before it.
  const scriptAssessor = await HealthAssessor.create({
    luaDir: options.luaDir,
    crdChecks: options.crdChecks,
    pendingDeletion: false,
  });
  const result: HealthConformanceResult = {
    passed: 0,
    total: 0,
    byLayer: { builtin: { passed: 0, total: 0 }, lua: { passed: 0, total: 0 } },
    failures: [],
  };
  try {
    for (const c of cases) {
      let actual: ResourceHealth | undefined;
      try {
        actual = await (c.layer === 'lua' ? scriptAssessor : assessor).assess(
          await loadCaseObject(corpusDir, c),
        );
      } catch (e) {
        actual = { status: 'Unknown', message: (e as Error).message };
      }
      const layer = (result.byLayer[c.layer] ??= { passed: 0, total: 0 });
      result.total++;
      layer.total++;
      if (casePasses(c, actual)) {
        result.passed++;
        layer.passed++;
      } else {
        result.failures.push({
          id: c.id,
          expected:
            c.expectedStatus === null
              ? null
              : {
                  status: c.expectedStatus,
                  ...(c.expectedMessage !== null
                    ? { message: c.expectedMessage }
                    : {}),
                },
          actual: actual
            ? { status: actual.status, message: actual.message ?? '' }
            : null,
        });
      }
    }
  } finally {
    await assessor.close();
    await scriptAssessor.close();
  }
  return result;
}
