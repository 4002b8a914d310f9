import net from 'node:net';
import { freePort } from './freePort';

describe('freePort', () => {
  it('returns a port that can be bound on 127.0.0.1', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);

    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise(resolve => server.close(resolve));
  });

  it('does not return a port that is in use', async () => {
    const busy = net.createServer();
    await new Promise<void>(resolve => busy.listen(0, '127.0.0.1', resolve));
    const busyPort = (busy.address() as net.AddressInfo).port;
    try {
      const ports = await Promise.all(Array.from({ length: 5 }, () => freePort()));
      expect(ports).not.toContain(busyPort);
    } finally {
      await new Promise(resolve => busy.close(resolve));
    }
  });
});
