/**
 * The git generators.
 * - directories: every non-hidden directory matching an include `path`
 *   (Go path.Match) and no `exclude: true` path; parameters path,
 *   path.basename, path.basenameNormalized, path[N] (goTemplate: a `path`
 *   map with path, basename, basenameNormalized, segments).
 * - files: every JSON/YAML file matching an include `path` and no exclude;
 *   a file holding a list gives one parameter set per item (an empty file
 *   gives one set with only the path parameters, an empty list none; only
 *   the first YAML document is read, as YAML 1.1); keys are
 *   flattened to `a.b.c` in the default syntax; plus path, path.basename,
 *   path.basenameNormalized, path.filename, path.filenameNormalized,
 *   path[N] (goTemplate: the `path` map, with segments).
 * `pathParamPrefix` puts the path parameters under `<prefix>.path`.
 */
import { GO_YAML_OPTIONS, parseAllDocumentsLikeGo } from '../../yaml';
import {
  directoryMatcher,
  fileMatcher,
  goBase,
  goDir,
  PathMatcher,
} from '../globs';
import { sanitizeName } from '../names';
import { flattenParams } from '../params';
import type { GitReader, Params } from '../types';
import {
  appendValues,
  checkCount,
  GeneratorContext,
  GeneratorError,
  isObject,
} from './context';

interface PathItem {
  path: string;
  exclude: boolean;
}

function pathItems(list: unknown, field: string, path: string): PathItem[] {
  if (!Array.isArray(list))
    throw new GeneratorError(
      path,
      `"${field}" must be a list of {path, exclude}`,
    );
  return list.map((item, i) => {
    if (!isObject(item) || typeof item.path !== 'string' || item.path === '') {
      throw new GeneratorError(
        path,
        `${field}[${i}] needs a non-empty "path" string`,
      );
    }
    return { path: item.path, exclude: item.exclude === true };
  });
}

function matchers(
  items: PathItem[],
  make: (p: string) => PathMatcher,
  field: string,
  path: string,
) {
  return items.map((item, i) => {
    try {
      return { ...item, match: make(item.path) };
    } catch (e) {
      throw new GeneratorError(
        path,
        `${field}[${i}].path: ${(e as Error).message}`,
      );
    }
  });
}

async function readerCall<T>(
  reader: GitReader | undefined,
  what: string,
  path: string,
  call: (r: GitReader) => Promise<T>,
): Promise<T> {
  if (!reader)
    throw new GeneratorError(
      path,
      `git generator needs Git access, but none is configured (${what})`,
    );
  try {
    return await call(reader);
  } catch (e) {
    throw new GeneratorError(
      path,
      `reading ${what} failed: ${(e as Error).message}`,
    );
  }
}

function pathParams(
  dirPath: string,
  prefix: string,
  goTemplate: boolean,
  filename?: string,
): Params {
  const segments = dirPath.split('/');
  if (goTemplate) {
    const p: Record<string, unknown> = {
      path: dirPath,
      basename: goBase(dirPath),
      basenameNormalized: sanitizeName(goBase(dirPath)),
      segments,
    };
    if (filename !== undefined) {
      p.filename = filename;
      p.filenameNormalized = sanitizeName(filename);
    }
    return prefix ? { [prefix]: { path: p } } : { path: p };
  }
  const name = prefix ? `${prefix}.path` : 'path';
  const out: Params = {
    [name]: dirPath,
    [`${name}.basename`]: goBase(dirPath),
    [`${name}.basenameNormalized`]: sanitizeName(goBase(dirPath)),
  };
  if (filename !== undefined) {
    out[`${name}.filename`] = filename;
    out[`${name}.filenameNormalized`] = sanitizeName(filename);
  }
  segments.forEach((s, i) => {
    if (s !== '') out[`${name}[${i}]`] = s;
  });
  return out;
}

async function directoryParams(
  spec: Record<string, unknown>,
  ctx: GeneratorContext,
  path: string,
  source: string,
): Promise<Params[]> {
  const items = matchers(
    pathItems(spec.directories, 'directories', path),
    directoryMatcher,
    'directories',
    path,
  );
  const includes = items.filter(i => !i.exclude);
  const all = new Set<string>();
  for (const inc of includes) {
    const dirs = await readerCall(
      ctx.git,
      `directories "${inc.path}" of ${source}`,
      path,
      r =>
        r.listDirectories(
          String(spec.repoURL),
          String(spec.revision),
          inc.path,
        ),
    );
    for (const d of dirs) all.add(d.replace(/^\.\//, '').replace(/\/+$/, ''));
  }
  const selected = [...all]
    .filter(d => d !== '' && !d.split('/').some(seg => seg.startsWith('.')))
    .filter(
      d =>
        items.some(i => !i.exclude && i.match(d)) &&
        !items.some(i => i.exclude && i.match(d)),
    )
    .sort();
  checkCount(selected.length, ctx, path);
  const prefix =
    typeof spec.pathParamPrefix === 'string' ? spec.pathParamPrefix : '';
  return selected.map(d =>
    appendValues(
      spec.values,
      pathParams(d, prefix, ctx.render.goTemplate),
      ctx,
      path,
    ),
  );
}

function parseFile(
  file: string,
  content: string,
  path: string,
): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    // sigs.k8s.io/yaml reads the first YAML document only.
    const [first] = parseAllDocumentsLikeGo(content, GO_YAML_OPTIONS);
    if (first?.errors.length) throw first.errors[0];
    parsed = first ? first.toJS() : null;
  } catch (e) {
    throw new GeneratorError(
      path,
      `file "${file}" is not valid JSON/YAML: ${(e as Error).message}`,
    );
  }
  // An empty file gives one parameter set with only the path parameters,
  // an empty list none; a null item of a list is an empty map.
  if (parsed === null || parsed === undefined) return [{}];
  if (isObject(parsed)) return [parsed];
  if (Array.isArray(parsed)) {
    return parsed.map((item, i) => {
      if (item === null) return {};
      if (!isObject(item))
        throw new GeneratorError(
          path,
          `file "${file}": item ${i} is not a map; a file must hold a map or a list of maps`,
        );
      return item;
    });
  }
  throw new GeneratorError(
    path,
    `file "${file}" holds a ${typeof parsed}; it must hold a map or a list of maps`,
  );
}

async function fileParams(
  spec: Record<string, unknown>,
  ctx: GeneratorContext,
  path: string,
  source: string,
): Promise<Params[]> {
  const items = matchers(
    pathItems(spec.files, 'files', path),
    p => fileMatcher(p, ctx.gitFileGlobbing),
    'files',
    path,
  );
  const contents = new Map<string, string>();
  for (const inc of items.filter(i => !i.exclude)) {
    const files = await readerCall(
      ctx.git,
      `files "${inc.path}" of ${source}`,
      path,
      r => r.readFiles(String(spec.repoURL), String(spec.revision), inc.path),
    );
    for (const f of files) {
      const p = f.path.replace(/^\.\//, '');
      if (inc.match(p)) contents.set(p, f.content);
    }
    if (contents.size > ctx.maxGitFiles) {
      throw new GeneratorError(
        path,
        `matched more than ${ctx.maxGitFiles} files; narrow the files paths`,
      );
    }
  }
  const selected = [...contents.keys()]
    .filter(p => !items.some(i => i.exclude && i.match(p)))
    .sort();
  const prefix =
    typeof spec.pathParamPrefix === 'string' ? spec.pathParamPrefix : '';
  const out: Params[] = [];
  for (const file of selected) {
    for (const obj of parseFile(file, contents.get(file)!, path)) {
      const base = ctx.render.goTemplate ? { ...obj } : flattenParams(obj);
      const params = {
        ...base,
        ...pathParams(goDir(file), prefix, ctx.render.goTemplate, goBase(file)),
      };
      out.push(appendValues(spec.values, params, ctx, path));
      checkCount(out.length, ctx, path);
    }
  }
  return out;
}

export async function gitParams(
  spec: unknown,
  ctx: GeneratorContext,
  path: string,
): Promise<Params[]> {
  if (!isObject(spec))
    throw new GeneratorError(
      path,
      'git generator must be a map with repoURL, revision and directories or files',
    );
  if (typeof spec.repoURL !== 'string' || spec.repoURL === '')
    throw new GeneratorError(path, 'git generator needs "repoURL"');
  if (typeof spec.revision !== 'string' || spec.revision === '')
    throw new GeneratorError(
      path,
      'git generator needs "revision" (for example HEAD or a branch name)',
    );
  if (
    spec.pathParamPrefix !== undefined &&
    typeof spec.pathParamPrefix !== 'string'
  )
    throw new GeneratorError(path, '"pathParamPrefix" must be a string');
  const source = `${spec.repoURL}@${spec.revision}`;
  const hasDirs =
    Array.isArray(spec.directories) && spec.directories.length > 0;
  const hasFiles = Array.isArray(spec.files) && spec.files.length > 0;
  if (hasDirs) return directoryParams(spec, ctx, path, source);
  if (hasFiles) return fileParams(spec, ctx, path, source);
  throw new GeneratorError(
    path,
    'git generator needs a non-empty "directories" or "files" list',
  );
}
