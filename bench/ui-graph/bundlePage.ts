/*
 * Bundles the ui-graph page (the plugin's ResourceGraph and its imports) for
 * the browser with esbuild, minified and split into chunks at dynamic
 * imports as a production frontend build is: what Backstage loads lazily
 * (the plugin's pages, the code highlighter and its languages) stays out of
 * the entry script, and a chunk the page needs (the lazily loaded
 * DependencyGraph) is fetched when it is needed. Built on every run, never
 * taken from a cache.
 */
import path from 'node:path';
import { build } from 'esbuild';

/** The script the page loads; chunks are served beside it. */
export const ENTRY_SCRIPT = 'bundle.js';

export interface BundledPage {
  /** Every output file by its URL path without the leading slash (`bundle.js`, `chunks/…`). */
  files: Map<string, string>;
  /** All files together. */
  bytes: number;
  /** The entry script alone. */
  entryBytes: number;
  /**
   * Chunks the entry script imports statically, directly or through another
   * chunk: what a production build lists in its HTML so that the browser
   * fetches them at once instead of discovering them one import level at a time.
   */
  initialChunks: string[];
}

export async function bundleGraphPage(): Promise<BundledPage> {
  const outdir = path.join(__dirname, 'out');
  const result = await build({
    entryPoints: { bundle: path.join(__dirname, 'page.tsx') },
    bundle: true,
    write: false,
    outdir,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    // A profiled run (BENCH_PROFILE_DIR) keeps function names readable in the page's profile.
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: !process.env.BENCH_PROFILE_DIR,
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
    logLevel: 'silent',
    metafile: true,
  });
  const files = new Map(
    result.outputFiles.map(file => [path.relative(outdir, file.path).split(path.sep).join('/'), file.text]),
  );
  const entry = files.get(ENTRY_SCRIPT);
  if (entry === undefined) {
    throw new Error(`esbuild wrote no ${ENTRY_SCRIPT} for the ui-graph page; it wrote ${[...files.keys()].join(', ')}`);
  }
  const size = (text: string) => Buffer.byteLength(text);
  return {
    files,
    bytes: [...files.values()].reduce((sum, text) => sum + size(text), 0),
    entryBytes: size(entry),
    initialChunks: staticImportClosure(result.metafile.outputs, outdir),
  };
}

type Outputs = Record<string, { imports: Array<{ path: string; kind: string }> }>;

/** Output files reached from the entry by static imports, as URL paths without the leading slash. */
function staticImportClosure(outputs: Outputs, outdir: string): string[] {
  // metafile paths are relative to the working directory; outputs are keyed the same way
  const urlOf = (file: string) => path.relative(outdir, path.resolve(file)).split(path.sep).join('/');
  const byUrl = new Map(Object.entries(outputs).map(([file, output]) => [urlOf(file), output]));
  const reached = new Set<string>();
  const visit = (url: string) => {
    for (const imported of byUrl.get(url)?.imports ?? []) {
      const next = urlOf(imported.path);
      if (imported.kind !== 'import-statement' || reached.has(next) || !byUrl.has(next)) continue;
      reached.add(next);
      visit(next);
    }
  };
  visit(ENTRY_SCRIPT);
  return [...reached];
}
