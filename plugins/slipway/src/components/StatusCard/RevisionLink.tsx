import { Link } from '@backstage/core-components';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';

/** Only http(s) URLs become links; anything else (e.g. `javascript:`) is shown as text. */
export function isSafeHttpUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** A Git commit SHA shortened as Git shows it; branch or tag names stay whole. */
export function shortRevision(revision: string): string {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(revision) ? revision.slice(0, 7) : revision;
}

/** A revision as a short SHA, linked to its commit when the link is http(s). */
export function RevisionLink({ revision, url }: { revision?: string; url?: string }) {
  if (!revision) {
    return <Typography variant="body2" color="textSecondary">unknown</Typography>;
  }
  const text = <code title={revision}>{shortRevision(revision)}</code>;
  if (!isSafeHttpUrl(url)) return text;
  return (
    <Tooltip title={`Open commit ${revision}`}>
      <Link to={url}>{text}</Link>
    </Tooltip>
  );
}
