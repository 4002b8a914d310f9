import type { VersionsResponse } from '@slipway/plugin-slipway-common';
import { versionMatrix } from './versionMatrix';

type Item = VersionsResponse['items'][number];

function item(environment: string, tag: string, overrides: Partial<Item> = {}): Item {
  return {
    entityRef: `application:default/payments-${environment}`,
    environment,
    cluster: `${environment}-cluster`,
    images: [
      { repository: 'registry.example.com/payments', tag, container: 'app', resource: 'Deployment/payments' },
    ],
    charts: [],
    ...overrides,
  };
}

describe('versionMatrix', () => {
  it('puts environments in promotion order and one row per image repository', () => {
    const matrix = versionMatrix({ items: [item('prod', '1.4.2'), item('dev', '1.5.0'), item('staging', '1.4.2')] });
    expect(matrix.columns.map(c => c.label)).toEqual(['dev', 'staging', 'prod']);
    expect(matrix.rows).toHaveLength(1);
    expect(matrix.rows[0].name).toBe('registry.example.com/payments');
  });

  it('marks the environment that runs something else than most as different', () => {
    const { rows } = versionMatrix({ items: [item('dev', '1.5.0'), item('staging', '1.4.2'), item('prod', '1.4.2')] });
    expect(rows[0].differs).toBe(true);
    expect(rows[0].cells['application:default/payments-dev']).toMatchObject({ text: '1.5.0', differs: true });
    expect(rows[0].cells['application:default/payments-prod']).toMatchObject({ text: '1.4.2', differs: false });
  });

  it('marks every cell when no version is in the majority', () => {
    const { rows } = versionMatrix({ items: [item('dev', '3'), item('prod', '2')] });
    expect(Object.values(rows[0].cells).map(c => c?.differs)).toEqual([true, true]);
  });

  it('marks nothing when all environments run the same version', () => {
    const { rows } = versionMatrix({ items: [item('dev', '1.4.2'), item('prod', '1.4.2')] });
    expect(rows[0].differs).toBe(false);
    expect(Object.values(rows[0].cells).every(c => !c?.differs)).toBe(true);
  });

  it('tells a retagged image apart by its digest when every environment reports one', () => {
    const withDigest = (env: string, digest: string) =>
      item(env, 'latest', {
        images: [{ repository: 'r/p', tag: 'latest', digest, container: 'app', resource: 'Deployment/p' }],
      });
    const { rows } = versionMatrix({ items: [withDigest('dev', 'sha256:aaa'), withDigest('prod', 'sha256:bbb')] });
    expect(rows[0].differs).toBe(true);
    expect(rows[0].cells['application:default/payments-dev']?.digests).toEqual(['sha256:aaa']);
  });

  it('counts an image missing from an environment as a difference', () => {
    const { rows } = versionMatrix({ items: [item('dev', '1'), item('prod', '1', { images: [] })] });
    expect(rows[0].differs).toBe(true);
    expect(rows[0].cells['application:default/payments-prod']).toBeUndefined();
  });

  it('lists charts after images with the newer version of the Helm repository', () => {
    const chart = (env: string, version: string, latestVersion?: string) =>
      item(env, '1', { charts: [{ repoURL: 'https://charts.example.com', chart: 'redis', version, latestVersion }] });
    const { rows } = versionMatrix({ items: [chart('dev', '18.1.0', '18.2.0'), chart('prod', '18.1.0', '18.2.0')] });
    expect(rows.map(r => r.kind)).toEqual(['image', 'chart']);
    expect(rows[1]).toMatchObject({ name: 'redis', differs: false });
    expect(rows[1].cells['application:default/payments-dev']).toMatchObject({ text: '18.1.0', latestVersion: '18.2.0' });
  });

  it('joins the tags of one repository used by several containers', () => {
    const { rows } = versionMatrix({
      items: [
        item('dev', '1', {
          images: [
            { repository: 'r/p', tag: '2', container: 'app', resource: 'Deployment/p' },
            { repository: 'r/p', tag: '1', container: 'worker', resource: 'Deployment/w' },
          ],
        }),
      ],
    });
    expect(rows[0].cells['application:default/payments-dev']).toMatchObject({
      text: '1, 2',
      usedBy: ['Deployment/p (container app)', 'Deployment/w (container worker)'],
    });
  });
});
