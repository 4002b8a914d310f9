import { EmptyState, InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * The three states every Slipway entity card passes through before it has
 * rows to show: loading, failed (saying what could not be loaded and what to
 * check) and empty (saying how data arrives). Returns null once there is
 * data, so a card returns it when it is not null.
 */
export function cardState(options: {
  title: string;
  loading: boolean;
  error?: Error;
  /** What failed to load, e.g. `the deployment history of payments`. */
  what: string;
  /** Present when there is nothing to show. */
  empty?: { title: string; description: string };
}): JSX.Element | null {
  const { title, loading, error, what, empty } = options;
  if (loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title={title}>
        <Typography variant="body2" paragraph>
          Could not load {what}. Check that the Slipway backend is running and reachable, then reload the page.
        </Typography>
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }
  if (empty) {
    return (
      <InfoCard title={title}>
        <EmptyState missing="data" title={empty.title} description={empty.description} />
      </InfoCard>
    );
  }
  return null;
}
