/** A ref as advertised by a Git server (or read from a local repository). */
export interface AdvertisedRef {
  /** Full ref name, e.g. `HEAD`, `refs/heads/main`, `refs/tags/v1.0.0`. */
  ref: string;
  oid: string;
  /** For annotated tags: the commit the tag points at. */
  peeled?: string;
  /** For symbolic refs (HEAD): the ref they point at. */
  target?: string;
}

/** The outcome of matching a revision against a list of refs. */
export type RevisionMatch =
  | { kind: 'ref'; ref: string; commit: string }
  | { kind: 'sha'; commit: string }
  | { kind: 'short-sha'; prefix: string }
  | { kind: 'none' };

const FULL_SHA = /^[0-9a-f]{40}$/i;
/** Argo CD treats 7 to 39 hex digits as a truncated commit SHA. */
const SHORT_SHA = /^[0-9a-f]{7,39}$/i;

/**
 * Matches `targetRevision` against refs with Argo CD's semantics: empty or
 * `HEAD` is the default branch; a full ref name matches itself; a short name
 * matches a branch first, then a tag (annotated tags peeled to their commit);
 * otherwise a full or truncated commit SHA.
 */
export function matchRevision(refs: AdvertisedRef[], targetRevision: string | undefined): RevisionMatch {
  const revision = (targetRevision ?? '').trim();
  const byName = new Map(refs.map(r => [r.ref, r]));
  const commitOf = (r: AdvertisedRef) => (r.peeled ?? r.oid).toLowerCase();

  let candidates = [`refs/heads/${revision}`, `refs/tags/${revision}`];
  if (revision === '' || revision === 'HEAD') {
    candidates = ['HEAD'];
  } else if (revision.startsWith('refs/')) {
    candidates = [revision];
  }
  for (const name of candidates) {
    const found = byName.get(name);
    if (found) {
      return { kind: 'ref', ref: name, commit: commitOf(found) };
    }
  }
  if (FULL_SHA.test(revision)) {
    return { kind: 'sha', commit: revision.toLowerCase() };
  }
  if (SHORT_SHA.test(revision)) {
    return { kind: 'short-sha', prefix: revision.toLowerCase() };
  }
  return { kind: 'none' };
}

/** Git's null object name: it names no object. */
const NULL_OID = /^0{40}$/;

/**
 * The refs that name a commit. Git advertises a ref it cannot read (an
 * empty or damaged ref file) at the null SHA, as it does the capabilities
 * line of an empty repository; such a ref points at nothing.
 */
export function readableRefs(refs: AdvertisedRef[]): AdvertisedRef[] {
  return refs.filter(r => !NULL_OID.test(r.oid));
}

/** Commits the refs point at (peeled), for checking what a fetch must bring. */
export function advertisedCommits(refs: AdvertisedRef[]): string[] {
  const out = new Set<string>();
  for (const r of refs) {
    if (r.ref === 'HEAD' || r.ref.startsWith('refs/heads/') || r.ref.startsWith('refs/tags/')) {
      out.add((r.peeled ?? r.oid).toLowerCase());
    }
  }
  return [...out];
}

/** The branch names of a ref listing, for an error that says which exist. */
export function summarizeBranches(refs: AdvertisedRef[]): string {
  const names = refs.filter(r => r.ref.startsWith('refs/heads/')).map(r => r.ref.slice(11));
  if (names.length === 0) {
    return 'none';
  }
  return names.length > 10 ? `${names.slice(0, 10).join(', ')}, …` : names.join(', ');
}
