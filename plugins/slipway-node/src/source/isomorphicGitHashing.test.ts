import { webcrypto } from 'node:crypto';
import git from 'isomorphic-git';

describe('isomorphic-git as installed (patches/isomorphic-git+*.patch)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('hashes Git objects with node:crypto in this thread, not through crypto.subtle', async () => {
    // crypto.subtle.digest sends each object of a fetched pack through the thread pool, one at a time
    const subtle = jest.spyOn(webcrypto.subtle, 'digest');
    const { oid } = await git.hashBlob({ object: 'hello\n' });
    // `git hash-object` of "hello\n"
    expect(oid).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(subtle).not.toHaveBeenCalled();
  });
});
