/** Annotations and labels Slipway reads and writes. @public */
export const SLIPWAY_ANNOTATION_COMPONENT = 'slipway.io/component';
/** @public */
export const SLIPWAY_ANNOTATION_OWNER = 'slipway.io/owner';
/** @public */
export const SLIPWAY_ANNOTATION_SYSTEM = 'slipway.io/system';
/** Environment label on Application entities, used to group by environment. @public */
export const SLIPWAY_LABEL_ENVIRONMENT = 'slipway.io/environment';
/** @public */
export const SLIPWAY_LABEL_CLUSTER = 'slipway.io/cluster';
/** @public */
export const SLIPWAY_LABEL_NAMESPACE = 'slipway.io/namespace';
/** Tracking annotation on managed cluster resources (`<app>:<group>/<kind>:<ns>/<name>`). @public */
export const SLIPWAY_ANNOTATION_TRACKING_ID = 'slipway.io/tracking-id';
/** Label on managed cluster resources, the application's name, for cheap listing. @public */
export const SLIPWAY_LABEL_APP_INSTANCE = 'slipway.io/app-instance';
/** Field manager Slipway uses for server-side apply. @public */
export const SLIPWAY_FIELD_MANAGER = 'slipway';

/** Argo CD annotations honoured as written. @public */
export const ARGOCD_ANNOTATION_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
/** @public */
export const ARGOCD_ANNOTATION_HOOK = 'argocd.argoproj.io/hook';
/** @public */
export const ARGOCD_ANNOTATION_HOOK_DELETE_POLICY =
  'argocd.argoproj.io/hook-delete-policy';
/** @public */
export const ARGOCD_ANNOTATION_SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
/** @public */
export const ARGOCD_ANNOTATION_COMPARE_OPTIONS =
  'argocd.argoproj.io/compare-options';
/** @public */
export const ARGOCD_ANNOTATION_TRACKING_ID = 'argocd.argoproj.io/tracking-id';
/** @public */
export const ARGOCD_API_VERSION = 'argoproj.io/v1alpha1';
