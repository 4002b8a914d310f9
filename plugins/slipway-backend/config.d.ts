export interface Config {
  /** Configuration of Slipway, GitOps inside Backstage. */
  slipway?: {
    /** Locations of the tools the engine runs to render manifests. */
    tools?: {
      /**
       * Path of the `helm` binary. Default: `helm` on PATH.
       * @visibility backend
       */
      helm?: string;
      /**
       * Path of the `kubectl` binary, used for `kubectl kustomize`. Default: `kubectl` on PATH.
       * @visibility backend
       */
      kubectl?: string;
    };
  };
}
