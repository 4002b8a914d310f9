/** Why rendering an Application failed. */
export type RenderErrorReason =
  | 'invalid-source'
  | 'path-outside-repository'
  | 'symlink-outside-repository'
  | 'remote-base-refused'
  | 'limit-exceeded'
  | 'tool-failed'
  | 'invalid-manifest'
  | 'chart-not-found'
  | 'source-failed';

/**
 * A render failure. The message names the Application, the offending path or
 * tool and what to do; it never holds credentials.
 */
export class RenderError extends Error {
  readonly reason: RenderErrorReason;
  readonly appName: string;

  constructor(reason: RenderErrorReason, appName: string, message: string) {
    super(`Application "${appName}": ${message}`);
    this.name = 'RenderError';
    this.reason = reason;
    this.appName = appName;
  }
}
