import { KUSTOMIZATION_FILES } from './kustomization';
import type { ApplicationSource, SourceType } from './types';

/** Argo CD ignores option blocks whose fields are all empty. */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  if (typeof value !== 'object') {
    return true;
  }
  return Object.values(value as Record<string, unknown>).some(
    v => v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0),
  );
}

/** Thrown for a source whose type cannot be rendered. */
export class SourceTypeError extends Error {}

/**
 * Picks how a source is rendered, like Argo CD: a `chart` is Helm; an
 * explicit `helm`, `kustomize` or `directory` key wins; otherwise a
 * kustomization file makes it Kustomize, a `Chart.yaml` Helm, else Directory.
 * `fileNames` are the names of the files in the source's folder.
 */
export function detectSourceType(source: ApplicationSource, fileNames: string[]): SourceType {
  if (source.chart) {
    return 'Helm';
  }
  if (source.plugin) {
    throw new SourceTypeError(
      'config management plugins (source.plugin) are not supported; render the manifests with Helm, Kustomize or plain files',
    );
  }
  const explicit = (
    [
      ['Helm', source.helm],
      ['Kustomize', source.kustomize],
      ['Directory', source.directory],
    ] as const
  ).filter(([, v]) => isSet(v));
  if (explicit.length > 1) {
    throw new SourceTypeError(
      `the source sets ${explicit.map(([t]) => t.toLowerCase()).join(' and ')} options; keep only one of them`,
    );
  }
  if (explicit.length === 1) {
    return explicit[0][0];
  }
  const names = new Set(fileNames);
  if (KUSTOMIZATION_FILES.some(f => names.has(f))) {
    return 'Kustomize';
  }
  if (names.has('Chart.yaml')) {
    return 'Helm';
  }
  return 'Directory';
}
