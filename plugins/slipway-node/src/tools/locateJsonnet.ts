import path from 'node:path';
import { findOnPath, probeJsonnet } from './ToolProbe';

/** The outcome of looking for jsonnet: found, or why not. */
export type JsonnetLocation =
  | { file: string; version: string; source: 'config' | 'path' }
  | { problem: string };

/**
 * Finds jsonnet, which renders the `*.jsonnet` files of directory sources.
 * Unlike helm and kubectl it is optional: a missing or broken jsonnet never
 * fails the lookup, it is reported as `problem` so that only applications
 * with Jsonnet files fail, with that reason. A configured path
 * (`slipway.tools.jsonnet`) is never silently replaced by the one on PATH.
 */
export async function locateJsonnet(
  configured: string | undefined,
  searchPath: string | undefined,
): Promise<JsonnetLocation> {
  if (configured) {
    const file = path.resolve(configured);
    try {
      return { file, version: await probeJsonnet(file), source: 'config' };
    } catch (error) {
      return {
        problem:
          `the configured jsonnet (slipway.tools.jsonnet: ${configured}) does not work: ${(error as Error).message}; ` +
          'point slipway.tools.jsonnet at a working jsonnet binary, or remove the setting to use the one on PATH',
      };
    }
  }
  const onPath = findOnPath('jsonnet', searchPath);
  if (!onPath) {
    return {
      problem:
        'jsonnet is not installed (not on PATH); install it (e.g. the Debian/Ubuntu package jsonnet, or go-jsonnet) ' +
        'on the backend host and restart the backend, or set slipway.tools.jsonnet to its path',
    };
  }
  try {
    return { file: onPath, version: await probeJsonnet(onPath), source: 'path' };
  } catch (error) {
    return {
      problem:
        `the jsonnet on PATH (${onPath}) does not work: ${(error as Error).message}; ` +
        'install a working jsonnet or set slipway.tools.jsonnet to its path',
    };
  }
}
