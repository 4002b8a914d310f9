import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { tmpDir } from './repos';

/** Packages a chart (files by path) with the real helm and returns the archive. */
export async function packageChart(helm: string, files: Record<string, string>): Promise<Buffer> {
  const dir = await tmpDir('slipway-chart-');
  const chartDir = path.join(dir, 'chart');
  for (const [p, content] of Object.entries(files)) {
    await fs.promises.mkdir(path.dirname(path.join(chartDir, p)), { recursive: true });
    await fs.promises.writeFile(path.join(chartDir, p), content);
  }
  const out = path.join(dir, 'out');
  execFileSync(helm, ['package', chartDir, '--destination', out], { env: { HOME: dir, PATH: '' } });
  const [archive] = await fs.promises.readdir(out);
  return fs.promises.readFile(path.join(out, archive));
}

export interface HelmRepositoryServer {
  /** Base URL of the repository (index.yaml lies under it). */
  url: string;
  /** Paths requested, with whether the request carried the right credentials. */
  requests: Array<{ path: string; authorized: boolean }>;
  close(): Promise<void>;
}

/**
 * Serves a classic Helm repository over http on 127.0.0.1: the charts are
 * packaged and indexed by the real helm (`helm repo index`). With `basicAuth`
 * every request needs those credentials (401 otherwise).
 */
export async function serveHelmRepository(
  helm: string,
  charts: Array<Record<string, string>>,
  options: { basicAuth?: { username: string; password: string } } = {},
): Promise<HelmRepositoryServer> {
  const dir = await tmpDir('slipway-helm-repo-');
  for (const chart of charts) {
    const archive = await packageChart(helm, chart);
    const name = /^name:\s*(\S+)/m.exec(chart['Chart.yaml'])![1];
    const version = /^version:\s*(\S+)/m.exec(chart['Chart.yaml'])![1];
    await fs.promises.writeFile(path.join(dir, `${name}-${version}.tgz`), archive);
  }
  const expected = options.basicAuth
    ? `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`
    : undefined;
  const requests: HelmRepositoryServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const requested = new URL(req.url ?? '/', 'http://x').pathname;
    const authorized = expected === undefined || req.headers.authorization === expected;
    requests.push({ path: requested, authorized });
    if (!authorized) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="charts"' }).end();
      return;
    }
    const file = path.join(dir, path.basename(requested));
    if (!requested.startsWith('/charts/') || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200).end(fs.readFileSync(file));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/charts`;
  execFileSync(helm, ['repo', 'index', dir, '--url', url], { env: { HOME: dir, PATH: '' } });
  return {
    url,
    requests,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
