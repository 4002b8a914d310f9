/** An action that cannot run: names the resource, the action and why. @public */
export class ResourceActionError extends Error {
  name = 'ResourceActionError';
  constructor(
    message: string,
    /**
     * `unknown`: the resource offers no such action; `notApplicable`: not to
     * the object as it is now; `invalidParameters`: the values sent do not
     * fit what the action asks for.
     */
    readonly reason: 'unknown' | 'notApplicable' | 'invalidParameters',
  ) {
    super(message);
  }
}
