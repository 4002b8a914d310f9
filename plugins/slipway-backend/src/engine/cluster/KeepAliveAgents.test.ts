import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { KeepAliveAgents } from './KeepAliveAgents';

describe('KeepAliveAgents', () => {
  it('reuses one agent while the TLS settings stay the same, and builds a new one when they change', () => {
    const agents = new KeepAliveAgents();
    const built = (cert: string) => new https.Agent({ ca: 'ca-pem', cert, key: 'key-pem', rejectUnauthorized: true });
    const first = agents.agentFor('https:', built('cert-1'));
    expect(agents.agentFor('https:', built('cert-1'))).toBe(first);
    expect(first).toBeInstanceOf(https.Agent);
    expect((first as https.Agent).options).toMatchObject({ ca: 'ca-pem', cert: 'cert-1', keepAlive: true });
    const rotated = agents.agentFor('https:', built('cert-2'));
    expect(rotated).not.toBe(first);
    expect((rotated as https.Agent).options.cert).toBe('cert-2');
  });

  it('sends the requests of a plain-HTTP cluster over one kept-alive connection', async () => {
    let connections = 0;
    const server = http.createServer((_req, res) => res.end('{}'));
    server.on('connection', () => connections++);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agents = new KeepAliveAgents();
    const get = () =>
      new Promise<void>((resolve, reject) => {
        // what client-node hands over for every request: a fresh agent without keep-alive
        const agent = agents.agentFor('http:', new https.Agent({ rejectUnauthorized: false }));
        http
          .get({ host: '127.0.0.1', port, path: '/api', agent }, res => {
            res.resume();
            res.on('end', resolve);
          })
          .on('error', reject);
      });
    try {
      for (let i = 0; i < 5; i++) await get();
      expect(connections).toBe(1);
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
  });
});
