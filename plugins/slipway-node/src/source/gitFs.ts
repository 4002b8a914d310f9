import fs from 'node:fs';

const promises = fs.promises;

/**
 * node:fs as isomorphic-git is given it. Each isomorphic-git call wraps the
 * file system it is given and first asks, twice, whether it is promise-based
 * by calling `readFile()` without arguments; node:fs answers with a rejected
 * promise whose error captures a stack, which was 3 % of the engine's CPU
 * when 1,000 applications synced. This one answers that probe with nothing
 * and is otherwise fs.promises.
 */
export const gitFs = {
  promises: {
    ...promises,
    readFile: ((file?: Parameters<typeof promises.readFile>[0], options?: Parameters<typeof promises.readFile>[1]) =>
      file === undefined ? Promise.resolve(undefined) : promises.readFile(file, options)) as typeof promises.readFile,
  },
};

export type GitFs = typeof gitFs;

/** A loose object's path: `<gitdir>/objects/<2 hex>/<38 hex>`. */
const LOOSE_OBJECT = /^(.*)[\\/]objects[\\/]([0-9a-f]{2})[\\/][0-9a-f]{38}$/;

function notFound(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), {
    code: 'ENOENT',
    errno: -2,
    syscall: 'open',
    path: file,
  });
}

/**
 * gitFs for a burst of reads of objects a repository already holds (writing
 * a checkout). For every object it reads, isomorphic-git checks the git
 * folder, tries the loose object and lists the pack folder before it finds
 * the object in a pack it already holds in its cache: three round trips
 * through the thread pool, most of a checkout's file-system work. This one
 * lists and checks each folder once, and answers a loose-object read in a
 * fan-out folder that did not exist with ENOENT without asking the file
 * system. Use one per burst and drop it: packs and loose objects written
 * after its first look are not seen (the objects read were there before).
 */
export function objectReadingGitFs(): GitFs {
  const listings = new Map<string, Promise<string[]>>();
  const stats = new Map<string, Promise<fs.Stats>>();
  const listing = (dir: string) => {
    let names = listings.get(dir);
    if (!names) {
      names = promises.readdir(dir);
      listings.set(dir, names);
    }
    return names;
  };
  const readdir = ((dir: fs.PathLike, options?: unknown) =>
    options === undefined && typeof dir === 'string'
      ? listing(dir).then(names => [...names])
      : promises.readdir(dir, options as undefined)) as typeof promises.readdir;
  const stat = ((file: fs.PathLike, options?: unknown) => {
    if (options !== undefined || typeof file !== 'string') {
      return promises.stat(file, options as undefined);
    }
    let result = stats.get(file);
    if (!result) {
      result = promises.stat(file);
      stats.set(file, result);
    }
    return result;
  }) as typeof promises.stat;
  const readFile = (async (file?: Parameters<typeof promises.readFile>[0], options?: Parameters<typeof promises.readFile>[1]) => {
    if (file === undefined) {
      return undefined;
    }
    const loose = typeof file === 'string' ? LOOSE_OBJECT.exec(file) : null;
    if (loose) {
      const fanOut = await listing(`${loose[1]}/objects`).catch(() => [] as string[]);
      if (!fanOut.includes(loose[2])) {
        throw notFound(file as string);
      }
    }
    return promises.readFile(file, options);
  }) as typeof promises.readFile;
  return { promises: { ...gitFs.promises, readdir, stat, readFile } };
}
