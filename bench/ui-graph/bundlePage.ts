/*
 * Bundles the ui-graph page (the plugin's ResourceGraph and its imports) for
 * the browser with esbuild, minified as a production frontend build is.
 * Built on every run, never taken from a cache.
 */
import path from 'node:path';
import { build } from 'esbuild';

export async function bundleGraphPage(): Promise<{ js: string; bytes: number }> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'page.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
    logLevel: 'silent',
  });
  const js = result.outputFiles[0].text;
  return { js, bytes: Buffer.byteLength(js) };
}
