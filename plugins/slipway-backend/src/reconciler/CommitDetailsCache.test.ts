import { mockServices } from '@backstage/backend-test-utils';
import type { CommitDetails } from '@slipway/plugin-slipway-node';
import { CommitDetailsCache } from './CommitDetailsCache';

const SHA = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);

function details(sha: string, message = 'Raise replicas\n\nmore headroom'): CommitDetails {
  return { sha, author: 'Ada <ada@example.com>', message, date: '2026-11-20T10:15:30.000Z' };
}

describe('CommitDetailsCache', () => {
  it('reads a commit once and remembers it', async () => {
    const commitDetails = jest.fn(async (_repo: string, sha: string) => details(sha));
    const cache = new CommitDetailsCache({ source: { commitDetails }, logger: mockServices.logger.mock() });
    const first = cache.get('https://git.example.com/apps.git', SHA);
    const second = cache.get('https://git.example.com/apps.git', SHA);
    await expect(first).resolves.toEqual({
      author: 'Ada <ada@example.com>',
      message: 'Raise replicas\n\nmore headroom',
      date: '2026-11-20T10:15:30.000Z',
    });
    await expect(second).resolves.toEqual(await first);
    expect(commitDetails).toHaveBeenCalledTimes(1);
  });

  it('gives undefined for chart versions and short SHAs without asking the source', async () => {
    const commitDetails = jest.fn(async (_repo: string, sha: string) => details(sha));
    const cache = new CommitDetailsCache({ source: { commitDetails }, logger: mockServices.logger.mock() });
    await expect(cache.get('https://charts.example.com', '1.2.3')).resolves.toBeUndefined();
    await expect(cache.get('https://git.example.com/apps.git', 'aaaaaaa')).resolves.toBeUndefined();
    expect(commitDetails).not.toHaveBeenCalled();
  });

  it('logs a failure at debug level, gives undefined and tries again next time', async () => {
    const logger = mockServices.logger.mock();
    const commitDetails = jest
      .fn<Promise<CommitDetails>, [string, string]>()
      .mockRejectedValueOnce(new Error('object not found'))
      .mockImplementation(async (_repo, sha) => details(sha));
    const cache = new CommitDetailsCache({ source: { commitDetails }, logger });
    await expect(cache.get('https://git.example.com/apps.git', SHA)).resolves.toBeUndefined();
    expect(logger.debug).toHaveBeenCalledWith(expect.stringContaining(`could not read commit ${SHA}`));
    await expect(cache.get('https://git.example.com/apps.git', SHA)).resolves.toMatchObject({ author: 'Ada <ada@example.com>' });
    expect(commitDetails).toHaveBeenCalledTimes(2);
  });

  it('cuts very long messages and forgets the oldest commits beyond its size', async () => {
    const commitDetails = jest.fn(async (_repo: string, sha: string) => details(sha, 'x'.repeat(10_000)));
    const cache = new CommitDetailsCache({ source: { commitDetails }, logger: mockServices.logger.mock(), maxEntries: 1 });
    expect((await cache.get('r', SHA))?.message).toHaveLength(4_000);
    await cache.get('r', OTHER);
    await cache.get('r', SHA);
    expect(commitDetails).toHaveBeenCalledTimes(3);
  });
});
