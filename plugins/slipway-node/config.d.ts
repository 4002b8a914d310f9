export interface Config {
  slipway?: {
    /**
     * Repositories Slipway reads (Git repositories of the engine's sources and
     * the ApplicationSet git generators of the catalog module, Helm
     * repositories, OCI registries): credentials per URL prefix, OCI settings,
     * and local folders that stand in for a repository URL.
     */
    repositories?: Array<{
      /**
       * Repository URL, or a URL prefix for credentials (e.g. `https://github.com/acme/`).
       * @visibility backend
       */
      url: string;
      /**
       * A local folder read instead of fetching `url` (relative to the backend's
       * working directory). A Git repository is read at the requested revision;
       * a plain folder (e.g. a folder of this project's checkout) is read by the
       * catalog's git generators as it is on disk.
       * @visibility backend
       */
      localPath?: string;
      /** @visibility backend */
      username?: string;
      /** @visibility secret */
      password?: string;
      /** Sent as the basic-auth password, username default `x-access-token`. @visibility secret */
      token?: string;
      /**
       * Argo CD's `enableOCI`: `url` (e.g. `registry.example.com/charts`) is an
       * OCI registry, so chart sources may give their `repoURL` under it without `oci://`.
       * @visibility backend
       */
      enableOCI?: boolean;
      /**
       * Argo CD's `insecureOCIForceHttp`: OCI registries under `url` are read over
       * plain HTTP instead of HTTPS (local or test registries).
       * @visibility backend
       */
      insecureOCIForceHttp?: boolean;
    }>;
    /** ApplicationSet expansion (the catalog module and the scaffolder actions). */
    applicationSets?: {
      /**
       * The services of plugin generators, as Argo CD's plugin ConfigMaps
       * give them: an ApplicationSet's `plugin.configMapRef.name` names one.
       */
      plugins?: Array<{
        /**
         * The name ApplicationSets give as `configMapRef.name`.
         * @visibility backend
         */
        name: string;
        /**
         * Base URL of the plugin service; Slipway POSTs to
         * `<baseUrl>/api/v1/getparams.execute`.
         * @visibility backend
         */
        baseUrl: string;
        /**
         * Sent as `Authorization: Bearer <token>`.
         * @visibility secret
         */
        token: string;
        /**
         * Seconds to wait for an answer; default 30.
         * @visibility backend
         */
        requestTimeout?: number;
      }>;
      /**
       * The duck types of clusterDecisionResource generators, as Argo CD's
       * ConfigMaps describe them: a generator's `configMapRef` names one.
       */
      clusterDecisionResources?: Array<{
        /**
         * What generators give as `configMapRef`.
         * @visibility backend
         */
        name: string;
        /**
         * group/version of the resource, e.g. cluster.open-cluster-management.io/v1beta1.
         * @visibility backend
         */
        apiVersion: string;
        /**
         * The resource's plural name (Argo CD's `kind` key), e.g. placementdecisions.
         * @visibility backend
         */
        kind: string;
        /**
         * The list under `status` that holds the decisions; default `clusters`.
         * @visibility backend
         */
        statusListKey?: string;
        /**
         * The field of a decision that names a cluster.
         * @visibility backend
         */
        matchKey: string;
        /**
         * The `slipway.clusters` entry to read from; default the in-cluster one.
         * @visibility backend
         */
        cluster?: string;
        /**
         * Namespace of the resources (Argo CD reads its own); default `default`.
         * @visibility backend
         */
        namespace?: string;
      }>;
    };
  };
}
