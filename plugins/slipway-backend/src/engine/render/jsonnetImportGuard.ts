import fs from 'node:fs';
import path from 'node:path';
import { isInside } from './confine';
import { findJsonnetImports, JsonnetLexError, type JsonnetImport } from './jsonnetImports';
import { RenderError } from './RenderError';
import type { RenderLimits } from './types';

export interface JsonnetImportGuardInput {
  appName: string;
  /** Real path of the repository root. */
  root: string;
  /** Path of the evaluated file, exactly as it is given to jsonnet. */
  file: string;
  /** The file as named in messages. */
  display: string;
  /** The `-J` folders in command-line order (jsonnet searches the last one first). */
  searchDirs: string[];
  /** Working folder of jsonnet: relative imports of `code` values start there. */
  cwd: string;
  /** Jsonnet code given as values (`--ext-code`, `--tla-code`): it may import too. */
  codeValues: Array<{ what: string; code: string }>;
  limits: RenderLimits;
}

/** A program still to be read for imports, and the folder its imports start from (as jsonnet spells it). */
interface Pending {
  text: string;
  dir: string;
  where: string;
}

const HINT =
  'Jsonnet may only import files of the repository: import with a path relative to the file, ' +
  'or add the folder to directory.jsonnet.libs';

async function statOf(p: string): Promise<fs.Stats | undefined> {
  return fs.promises.stat(p).catch(() => undefined);
}

/**
 * Refuses a Jsonnet evaluation that could read files outside the repository.
 * The jsonnet binary opens any path it is asked to, so before it runs, every
 * `import`/`importstr`/`importbin` of the file, of the code values and,
 * transitively, of the imported programs is resolved the way jsonnet does
 * (the importing file's folder, then the `-J` folders right-most first; the
 * first that exists wins): absolute imports are refused, and so is any
 * import whose file lies outside the repository, whether the path is read
 * physically (C++ jsonnet, through symlinks) or lexically (go-jsonnet
 * cleans `..` first). Imports that match nothing are left for jsonnet to
 * report. Jsonnet has no other way to read files.
 */
export async function confineJsonnetImports(input: JsonnetImportGuardInput): Promise<void> {
  const { appName, root, limits } = input;
  const pending: Pending[] = [];
  const seen = new Set([await programKey(input.file)]);
  let imported = 0;
  let bytes = 0;

  const read = async (file: string, where: string) => {
    if (file !== input.file && ++imported > limits.maxFiles) {
      throw new RenderError(
        'limit-exceeded',
        appName,
        `${input.display} imports more than ${limits.maxFiles} Jsonnet files; simplify it or raise the file limit`,
      );
    }
    const text = await fs.promises.readFile(file, 'utf8');
    bytes += Buffer.byteLength(text);
    if (bytes > limits.maxManifestBytes) {
      throw new RenderError(
        'limit-exceeded',
        appName,
        `the Jsonnet files imported by ${input.display} exceed ${limits.maxManifestBytes} bytes; ` +
          'simplify it or raise the manifest size limit',
      );
    }
    pending.push({ text, dir: path.dirname(file), where });
  };

  await read(input.file, input.display);
  for (const value of input.codeValues) {
    pending.push({ text: value.code, dir: input.cwd, where: value.what });
  }

  while (pending.length > 0) {
    const program = pending.shift()!;
    let imports: JsonnetImport[];
    try {
      imports = findJsonnetImports(program.text);
    } catch (e) {
      if (e instanceof JsonnetLexError) {
        throw new RenderError(
          'invalid-source',
          appName,
          `${program.where} line ${e.line}: ${e.message}; fix the Jsonnet syntax`,
        );
      }
      throw e;
    }
    for (const imp of imports) {
      for (const found of await resolveImport(input, program, imp)) {
        if (imp.kind !== 'import' || !found.stat.isFile()) {
          continue; // importstr/importbin read data, not code; jsonnet fails on folders
        }
        const key = await programKey(found.jsonnetPath);
        if (!seen.has(key)) {
          seen.add(key);
          await read(found.jsonnetPath, `"${path.relative(root, found.real)}"`);
        }
      }
    }
  }
}

/**
 * Identifies a program read for imports: its file, and the folder its own
 * imports start from, followed through symlinks (C++ jsonnet) and cleaned (go-jsonnet).
 */
async function programKey(jsonnetPath: string): Promise<string> {
  const dir = path.dirname(jsonnetPath);
  return [await fs.promises.realpath(jsonnetPath), await fs.promises.realpath(dir), path.resolve(dir)].join('\n');
}

interface ImportHit {
  /** The path as jsonnet spells it (its folder is where the file's own imports start). */
  jsonnetPath: string;
  real: string;
  stat: fs.Stats;
}

/**
 * The files jsonnet could open for `imp` (one per way of reading paths),
 * after checking that they are inside the repository; none when nothing matches.
 */
async function resolveImport(input: JsonnetImportGuardInput, program: Pending, imp: JsonnetImport): Promise<ImportHit[]> {
  const { appName, root } = input;
  const refuse = (reason: 'path-outside-repository' | 'symlink-outside-repository', why: string) =>
    new RenderError(reason, appName, `${program.where} line ${imp.line}: ${imp.kind} "${imp.path}" ${why}; ${HINT}`);
  if (path.isAbsolute(imp.path)) {
    throw refuse('path-outside-repository', 'is an absolute path');
  }
  // C++ jsonnet joins the strings and lets the OS follow `..` through symlinks;
  // go-jsonnet cleans the path first: each finds its own first match
  let physical: { path: string; stat: fs.Stats } | undefined;
  let lexical: { path: string; stat: fs.Stats } | undefined;
  for (const base of [program.dir, ...[...input.searchDirs].reverse()]) {
    if (!physical) {
      const candidate = base.endsWith('/') ? `${base}${imp.path}` : `${base}/${imp.path}`;
      const stat = await statOf(candidate);
      physical = stat && { path: candidate, stat };
    }
    if (!lexical) {
      const candidate = path.resolve(base, imp.path);
      const stat = await statOf(candidate);
      lexical = stat && { path: candidate, stat };
    }
    if (physical && lexical) {
      break;
    }
  }
  if (lexical && !isInside(root, lexical.path)) {
    throw refuse('path-outside-repository', 'resolves outside the repository');
  }
  const hits: ImportHit[] = [];
  for (const hit of [physical, lexical]) {
    if (!hit) {
      continue;
    }
    const real = await fs.promises.realpath(hit.path);
    if (!isInside(root, real)) {
      throw refuse('symlink-outside-repository', 'leads through a symlink outside the repository');
    }
    hits.push({ jsonnetPath: hit.path, real, stat: hit.stat });
  }
  return hits;
}
