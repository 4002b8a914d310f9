import { ConflictError, InputError } from '@backstage/errors';
import type { GitReader } from '@slipway/plugin-slipway-node';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { readRepoFile, writeRepoFile } from '../gitops/repoPaths';
import type { EnvironmentGenerator } from './applicationSetFile';
import { retargetParameters, Retargeting } from './retarget';

type GitGenerator = Extract<EnvironmentGenerator, { kind: 'git-directories' | 'git-files' }>;

/** Where a git generator's base environment is, and where the new one goes. */
export interface GitEnvironmentPlacement {
  /** The base environment's folder (or file), copied to `to`. */
  from: string;
  to: string;
  /** The generator's paths for the base environment: its folder, or its files. */
  basePaths: string[];
  /** The same paths for the new environment. */
  newPaths: string[];
  /** Generator fields that make it yield only the base, or only the new, environment. */
  replacement: Record<string, unknown>;
  newReplacement: Record<string, unknown>;
}

/** Where a generator path of the base environment goes for the new one; undefined when it is not the base's. */
function placeOne(kind: GitGenerator['kind'], p: string, copyFrom: string, environment: string) {
  const parts = p.split('/');
  // directories: the last segment names the environment; files: a folder above the file does, ...
  let dirIndex = parts.slice(0, -1).lastIndexOf(copyFrom);
  if (kind === 'git-directories') dirIndex = parts[parts.length - 1] === copyFrom ? parts.length - 1 : -1;
  if (dirIndex >= 0) {
    const to = [...parts.slice(0, dirIndex), environment].join('/');
    return { from: parts.slice(0, dirIndex + 1).join('/'), to, newPath: [to, ...parts.slice(dirIndex + 1)].join('/') };
  }
  // ... or the file itself is named after it (envs/dev.yaml).
  const ext = path.posix.extname(p);
  if (kind === 'git-files' && path.posix.basename(p, ext) === copyFrom) {
    const to = path.posix.join(path.posix.dirname(p), environment + ext);
    return { from: p, to, newPath: to };
  }
  return undefined;
}

/**
 * Finds the base environment of a git directory or files generator: the
 * folder named after it (every file the files generator reads there
 * belongs to it, each one a parameter set), or a file named after it. The
 * new environment is the same folder or file under the new name. Refuses
 * when the base has none or several, and when the generator already reads
 * the new environment's folder or files.
 */
export async function placeGitEnvironment(
  git: GitReader,
  gen: GitGenerator,
  repoURL: string,
  names: { applicationSet: string; copyFrom: string; environment: string },
): Promise<GitEnvironmentPlacement> {
  const { applicationSet, copyFrom, environment } = names;
  const revision = gen.git.revision ?? 'HEAD';
  const patterns: string[] = (gen.kind === 'git-directories' ? gen.git.directories : gen.git.files)
    .filter((p: any) => p && typeof p.path === 'string' && p.exclude !== true)
    .map((p: any) => p.path);
  const found = new Set<string>();
  for (const pattern of patterns) {
    const paths = gen.kind === 'git-directories'
      ? await git.listDirectories(repoURL, revision, pattern)
      : (await git.readFiles(repoURL, revision, pattern)).map(f => f.path);
    paths.forEach(p => found.add(p));
  }
  const byFolder = new Map<string, { to: string; basePaths: string[]; newPaths: string[] }>();
  for (const p of [...found].sort()) {
    const placed = placeOne(gen.kind, p, copyFrom, environment);
    if (!placed) continue;
    const entry = byFolder.get(placed.from) ?? { to: placed.to, basePaths: [], newPaths: [] };
    entry.basePaths.push(p);
    entry.newPaths.push(placed.newPath);
    byFolder.set(placed.from, entry);
  }
  if (byFolder.size === 0) {
    throw new InputError(
      `ApplicationSet '${applicationSet}' has no folder or file for environment '${copyFrom}' under its git generator ` +
        `(found: ${[...found].sort().join(', ') || 'none'}); copy from one of those environments`,
    );
  }
  if (byFolder.size > 1) {
    throw new InputError(
      `environment '${copyFrom}' of ApplicationSet '${applicationSet}' matches several paths ` +
        `(${[...byFolder.keys()].join(', ')}); it is ambiguous, so rename one of them`,
    );
  }
  const [[from, { to, basePaths, newPaths }]] = [...byFolder];
  const taken = newPaths.filter(p => found.has(p));
  if (taken.length > 0) {
    throw new ConflictError(
      `ApplicationSet '${applicationSet}' already has environment '${environment}' (${taken.join(', ')}); choose another name`,
    );
  }
  const key = gen.kind === 'git-directories' ? 'directories' : 'files';
  return {
    from,
    to,
    basePaths,
    newPaths,
    replacement: { [key]: basePaths.map(p => ({ path: p })) },
    newReplacement: { [key]: newPaths.map(p => ({ path: p })) },
  };
}

/** The indentation of a JSON text's first indented line; '' for JSON on one line. */
function jsonIndent(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? '';
}

/**
 * A git files generator file of the new environment with its parameters
 * retargeted. The copy keeps the base file's layout: JSON its indentation
 * and final newline, YAML its comments and formatting.
 */
export function retargetGeneratorFile(filePath: string, content: string, r: Retargeting): string {
  if (filePath.endsWith('.json')) {
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (e) {
      throw new InputError(`generator file '${filePath}' is not valid JSON (${(e as Error).message}); fix it first`);
    }
    const text = JSON.stringify(retargetParameters(value, r), null, jsonIndent(content) || undefined);
    return content.endsWith('\n') ? `${text}\n` : text;
  }
  const doc = parseDocument(content);
  if (doc.errors.length > 0) {
    throw new InputError(`generator file '${filePath}' is not valid YAML (${doc.errors[0].message}); fix it first`);
  }
  const retargeted = retargetParameters(doc.toJS(), r);
  const walk = (keyPath: unknown[], value: unknown) => {
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk([...keyPath, Array.isArray(value) ? Number(k) : k], v);
    } else if (doc.getIn(keyPath) !== value) {
      doc.setIn(keyPath, value);
    }
  };
  walk([], retargeted);
  return doc.toString();
}

/** Rewrites the new environment's generator files (copied from the base's) with retargeted parameters. */
export async function retargetGeneratorFiles(dir: string, files: string[], r: Retargeting): Promise<void> {
  for (const file of files) {
    const content = await readRepoFile(dir, file, 'generator file');
    await writeRepoFile(dir, file, retargetGeneratorFile(file, content, r), 'generator file');
  }
}
