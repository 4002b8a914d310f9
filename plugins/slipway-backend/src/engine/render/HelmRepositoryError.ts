/**
 * Why reading a chart from a repository failed: the chart or version is
 * not there (`chart-not-found`), or the repository could not be read
 * (`source-failed`: unreachable, credentials refused, bad answer).
 */
export type ChartSourceFailure = 'chart-not-found' | 'source-failed';

/** A failure reading a Helm repository or OCI registry; the message holds no credentials. */
export class HelmRepositoryError extends Error {
  constructor(
    message: string,
    readonly failure: ChartSourceFailure = 'chart-not-found',
  ) {
    super(message);
    this.name = 'HelmRepositoryError';
  }
}
