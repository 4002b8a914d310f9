import type { JsonnetVariable } from './types';

/** What one jsonnet evaluation is given. */
export interface JsonnetInvocation {
  /** Absolute path of the `.jsonnet` file. */
  file: string;
  /**
   * Library folders (absolute), lowest priority first: the source folder,
   * then `directory.jsonnet.libs` in order, as Argo CD lists them.
   */
  searchDirs: string[];
  /** External variables, `$VAR`s already substituted. */
  extVars: JsonnetVariable[];
  /** Top-level arguments, `$VAR`s already substituted. */
  tlas: JsonnetVariable[];
}

/**
 * The command line of `jsonnet` for one file. `-J` folders are searched
 * right-most first, which matches Argo CD's go-jsonnet importer searching
 * its list from the end; the file's own folder is always searched before
 * them by jsonnet itself. Names are checked by readJsonnetOptions: each
 * `name=value` is one argument, and `--` ends the options before the file.
 */
export function jsonnetArgs(input: JsonnetInvocation): string[] {
  const args: string[] = [];
  for (const dir of input.searchDirs) {
    args.push('-J', dir);
  }
  for (const v of input.extVars) {
    args.push(v.code ? '--ext-code' : '--ext-str', `${v.name}=${v.value}`);
  }
  for (const v of input.tlas) {
    args.push(v.code ? '--tla-code' : '--tla-str', `${v.name}=${v.value}`);
  }
  args.push('--', input.file);
  return args;
}
