export interface Config {
  /** Settings of the Slipway demo portal only. */
  demo?: {
    /**
     * The demo permission policy: `allow-all` (default) or `read-only`
     * (denies Slipway's sync/rollback/terminate/delete and catalog writes).
     * @visibility backend
     */
    permissionPolicy?: 'allow-all' | 'read-only';
  };
}
