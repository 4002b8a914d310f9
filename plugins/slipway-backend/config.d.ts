export interface Config {
  /** Configuration of Slipway, GitOps inside Backstage. */
  slipway?: {
    /**
     * Clusters Applications deploy to. When absent, the clusters of
     * `kubernetes.clusterLocatorMethods` (type `config`) are used.
     */
    clusters?: Array<{
      /** The name Applications use as `destination.name`. @visibility frontend */
      name: string;
      /**
       * API server URL, or `embedded` for an in-process simulated cluster (kube-sim).
       * @visibility backend
       */
      url: string;
      /** Bearer token. @visibility secret */
      token?: string;
      /** Same as token, named as the Kubernetes plugin names it. @visibility secret */
      serviceAccountToken?: string;
      /** `serviceAccount` (default) or `none`. @visibility backend */
      authProvider?: string;
      /** Base64 PEM CA bundle. @visibility backend */
      caData?: string;
      /** @visibility backend */
      skipTLSVerify?: boolean;
      /** Whether Argo CD's `https://kubernetes.default.svc` means this cluster. Default: true for `embedded`. @visibility backend */
      inCluster?: boolean;
      /** Labels for the ApplicationSet clusters generator. @visibility backend */
      labels?: { [key: string]: string };
    }>;
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
