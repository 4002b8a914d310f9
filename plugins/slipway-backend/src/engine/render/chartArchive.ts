import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import { removeCheckoutDir } from '@slipway/plugin-slipway-node';
import { HelmRepositoryError } from './HelmRepositoryError';

export interface UnpackLimits {
  /** Files in the unpacked chart. */
  maxFiles: number;
  /** Bytes of the unpacked chart. */
  maxBytes: number;
}

/**
 * Unpacks a chart archive (`.tgz`) into `folder`, which appears whole or not
 * at all: it is unpacked beside it and renamed into place, so concurrent
 * renders never see half a chart. Limits are checked before unpacking.
 */
export async function unpackChartArchive(
  archive: Buffer,
  folder: string,
  limits: UnpackLimits,
): Promise<void> {
  await fs.promises.mkdir(path.dirname(folder), { recursive: true });
  const tmp = `${folder}.tmp-${process.pid}-${Math.random()
    .toString(36)
    .slice(2)}`;
  const tgz = `${tmp}.tgz`;
  await fs.promises.mkdir(tmp);
  try {
    await fs.promises.writeFile(tgz, archive);
    let files = 0;
    let bytes = 0;
    await tar.t({
      file: tgz,
      onentry: entry => {
        files += 1;
        bytes += entry.size ?? 0;
      },
    });
    if (files > limits.maxFiles || bytes > limits.maxBytes) {
      throw new HelmRepositoryError(
        `chart archive unpacks to ${files} files and ${bytes} bytes, over the limits (${limits.maxFiles} files, ${limits.maxBytes} bytes)`,
        'source-failed',
      );
    }
    // Only regular files and folders: no symlinks, hard links or devices;
    // tar itself refuses absolute paths and `..`.
    await tar.x({
      file: tgz,
      cwd: tmp,
      strict: true,
      filter: (_p, entry) =>
        'type' in entry &&
        (entry.type === 'File' || entry.type === 'Directory'),
    });
    await fs.promises.rename(tmp, folder).catch(async e => {
      if (!fs.existsSync(folder)) {
        throw e;
      }
      await removeCheckoutDir(tmp);
    });
  } catch (e) {
    await removeCheckoutDir(tmp).catch(() => undefined);
    throw e;
  } finally {
    await fs.promises.rm(tgz, { force: true });
  }
}

/**
 * The real paths of an unpacked chart: the folder (paths are confined to it)
 * and the chart folder in it that holds Chart.yaml. `label` names the chart in errors.
 */
export async function locateUnpackedChart(
  folder: string,
  label: string,
): Promise<{ root: string; chartDir: string }> {
  const root = await fs.promises.realpath(folder);
  const top = (await fs.promises.readdir(root, { withFileTypes: true })).filter(
    d => d.isDirectory(),
  );
  const chartDir = top.find(d =>
    fs.existsSync(path.join(root, d.name, 'Chart.yaml')),
  );
  if (!chartDir) {
    throw new HelmRepositoryError(
      `chart archive of ${label} holds no Chart.yaml`,
      'source-failed',
    );
  }
  return { root, chartDir: path.join(root, chartDir.name) };
}
