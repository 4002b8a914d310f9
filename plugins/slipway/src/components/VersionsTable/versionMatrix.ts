import type { VersionsResponse } from '@slipway/plugin-slipway-common';
import { compareEnvironments } from '../../hooks/environmentOrder';

/** One column: an application, named by its environment. */
export interface VersionColumn {
  entityRef: string;
  label: string;
  cluster?: string;
}

/** What one environment runs of one image or chart. */
export interface VersionCell {
  /** Tag(s) or chart version as shown. */
  text: string;
  /** Image digests, for the tooltip. */
  digests: string[];
  /** Where it runs: `Deployment/payments (container app)`. */
  usedBy: string[];
  /** A newer chart version in the chart's Helm repository. */
  latestVersion?: string;
  /** True when this cell differs from what most environments run. */
  differs: boolean;
}

/** One row: a container image repository or a Helm chart. */
export interface VersionRow {
  id: string;
  kind: 'image' | 'chart';
  name: string;
  /** Cells by column entityRef; missing where the environment does not run it. */
  cells: Record<string, VersionCell | undefined>;
  /** True when the environments do not all run the same version. */
  differs: boolean;
}

export interface VersionMatrix {
  columns: VersionColumn[];
  rows: VersionRow[];
}

const distinct = (values: Array<string | undefined>) =>
  [...new Set(values.filter((v): v is string => !!v))].sort();

/**
 * Pivots the versions of each application into rows (images, then charts)
 * and columns (environments in promotion order), and marks differences: a
 * row differs when its environments run different versions or not all of
 * them run it; a cell differs when it is not what most environments run
 * (every cell, when there is no majority).
 */
export function versionMatrix(response: VersionsResponse): VersionMatrix {
  const items = [...response.items].sort(
    (a, b) => compareEnvironments(a.environment, b.environment) || a.entityRef.localeCompare(b.entityRef),
  );
  const columns = items.map(item => ({
    entityRef: item.entityRef,
    label: item.environment ?? item.entityRef.replace(/^application:(default\/)?/, ''),
    cluster: item.cluster,
  }));
  // rowId -> entityRef -> cell without the difference mark, plus the value compared
  const found = new Map<string, { kind: 'image' | 'chart'; name: string; cells: Map<string, VersionCell & { key: string }> }>();
  const rowOf = (id: string, kind: 'image' | 'chart', name: string) => {
    if (!found.has(id)) found.set(id, { kind, name, cells: new Map() });
    return found.get(id)!;
  };
  for (const item of items) {
    const byRepository = new Map<string, typeof item.images>();
    for (const image of item.images) {
      byRepository.set(image.repository, [...(byRepository.get(image.repository) ?? []), image]);
    }
    for (const [repository, images] of byRepository) {
      const tags = distinct(images.map(i => i.tag));
      const digests = distinct(images.map(i => i.digest));
      rowOf(`image:${repository}`, 'image', repository).cells.set(item.entityRef, {
        text: tags.length ? tags.join(', ') : digests.map(d => d.slice(0, 19)).join(', ') || 'untagged',
        // A retagged image differs even when the tag is the same.
        key: `${tags.join(',')}@${digests.join(',')}`,
        digests,
        usedBy: images.map(i => `${i.resource} (container ${i.container})`),
        differs: false,
      });
    }
    for (const chart of item.charts) {
      rowOf(`chart:${chart.repoURL}/${chart.chart}`, 'chart', chart.chart).cells.set(item.entityRef, {
        text: chart.version,
        key: chart.version,
        digests: [],
        usedBy: [chart.repoURL],
        latestVersion: chart.latestVersion,
        differs: false,
      });
    }
  }
  const rows: VersionRow[] = [];
  for (const [id, { kind, name, cells }] of found) {
    const hasDigests = [...cells.values()].every(cell => cell.digests.length > 0);
    // Digests only count where every environment reports one (desired images have none).
    const keyOf = (cell: VersionCell & { key: string }) => (hasDigests ? cell.key : cell.text);
    const counts = new Map<string, number>();
    for (const cell of cells.values()) counts.set(keyOf(cell), (counts.get(keyOf(cell)) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const majority = ranked.length === 1 || ranked[0][1] > ranked[1][1] ? ranked[0][0] : undefined;
    const differs = counts.size > 1 || cells.size < columns.length;
    const row: VersionRow = { id, kind, name, cells: {}, differs };
    for (const [entityRef, cell] of cells) {
      const { key: _key, ...rest } = cell;
      row.cells[entityRef] = { ...rest, differs: counts.size > 1 && keyOf(cell) !== majority };
    }
    rows.push(row);
  }
  const kindOrder = { image: 0, chart: 1 };
  rows.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name));
  return { columns, rows };
}
