import { imagesOf, parseImage } from './images';

describe('parseImage', () => {
  it('reads repository, tag and digest as the container runtime does', () => {
    expect(parseImage('nginx')).toEqual({ repository: 'nginx', tag: 'latest', digest: undefined });
    expect(parseImage('ghcr.io/acme/payments:1.4.0')).toEqual({ repository: 'ghcr.io/acme/payments', tag: '1.4.0', digest: undefined });
    expect(parseImage('registry.local:5000/team/app')).toEqual({ repository: 'registry.local:5000/team/app', tag: 'latest', digest: undefined });
    expect(parseImage('registry.local:5000/app:2@sha256:abc')).toEqual({ repository: 'registry.local:5000/app', tag: '2', digest: 'sha256:abc' });
    expect(parseImage('app@sha256:abc')).toEqual({ repository: 'app', tag: undefined, digest: 'sha256:abc' });
  });
});

describe('imagesOf', () => {
  it('finds the images of workloads, init containers included, and ignores other kinds', () => {
    const images = imagesOf([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'payments' },
        spec: { template: { spec: { initContainers: [{ name: 'migrate', image: 'acme/migrate:7' }], containers: [{ name: 'api', image: 'acme/payments:1.4.0' }] } } },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'report' },
        spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'run', image: 'acme/report:3' }] } } } } },
      },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { image: 'not-an-image' } },
    ]);
    expect(images.map(i => `${i.resource} ${i.container} ${i.repository}:${i.tag}`)).toEqual([
      'Deployment/payments migrate acme/migrate:7',
      'Deployment/payments api acme/payments:1.4.0',
      'CronJob/report run acme/report:3',
    ]);
  });
});
