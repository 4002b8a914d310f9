import git from 'isomorphic-git';
import type { AdvertisedRef } from './resolveRevision';
import { gitFs } from './gitFs';

/** Refs of a local repository, shaped like a server's advertisement. */
export async function localRefs(gitdir: string): Promise<AdvertisedRef[]> {
  const out: AdvertisedRef[] = [];
  const peel = async (oid: string): Promise<string> => {
    let current = oid;
    for (let i = 0; i < 8; i++) {
      const obj = await git.readObject({ fs: gitFs, gitdir, oid: current, cache: {} });
      if (obj.type !== 'tag') {
        return current;
      }
      current = (obj.object as { object: string }).object;
    }
    return current;
  };
  try {
    const head = await git.resolveRef({ fs: gitFs, gitdir, ref: 'HEAD' });
    const target = await git.resolveRef({ fs: gitFs, gitdir, ref: 'HEAD', depth: 1 }).catch(() => undefined);
    out.push({ ref: 'HEAD', oid: head, ...(target && target !== head ? { target } : {}) });
  } catch {
    // empty repository: no HEAD commit yet
  }
  for (const branch of await git.listBranches({ fs: gitFs, gitdir })) {
    out.push({ ref: `refs/heads/${branch}`, oid: await git.resolveRef({ fs: gitFs, gitdir, ref: `refs/heads/${branch}` }) });
  }
  for (const tag of await git.listTags({ fs: gitFs, gitdir })) {
    const oid = await git.resolveRef({ fs: gitFs, gitdir, ref: `refs/tags/${tag}` });
    const peeled = await peel(oid);
    out.push({ ref: `refs/tags/${tag}`, oid, ...(peeled !== oid ? { peeled } : {}) });
  }
  return out;
}
