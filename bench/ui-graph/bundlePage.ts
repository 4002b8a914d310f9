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
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
    logLevel: 'silent',
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
  };
}
