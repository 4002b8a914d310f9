import { isObject } from '../util/objects';
import { defaultPodTemplate } from './podSpec';

type Obj = Record<string, any>;

export function defaultDeployment(o: Obj) {
  const s = (o.spec ??= {});
  s.replicas ??= 1;
  s.revisionHistoryLimit ??= 10;
  s.progressDeadlineSeconds ??= 600;
  s.strategy ??= {};
  s.strategy.type ??= 'RollingUpdate';
  if (s.strategy.type === 'RollingUpdate') {
    s.strategy.rollingUpdate ??= {};
    s.strategy.rollingUpdate.maxUnavailable ??= '25%';
    s.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  defaultPodTemplate(s.template);
}

export function defaultReplicaSet(o: Obj) {
  const s = (o.spec ??= {});
  s.replicas ??= 1;
  defaultPodTemplate(s.template);
}

export function defaultStatefulSet(o: Obj) {
  const s = (o.spec ??= {});
  s.replicas ??= 1;
  s.podManagementPolicy ??= 'OrderedReady';
  s.revisionHistoryLimit ??= 10;
  s.updateStrategy ??= {};
  s.updateStrategy.type ??= 'RollingUpdate';
  if (s.updateStrategy.type === 'RollingUpdate') {
    s.updateStrategy.rollingUpdate ??= {};
    s.updateStrategy.rollingUpdate.partition ??= 0;
  }
  s.persistentVolumeClaimRetentionPolicy ??= {};
  s.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
  s.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
  if (Array.isArray(s.volumeClaimTemplates)) {
    for (const t of s.volumeClaimTemplates) {
      if (isObject(t)) {
        t.apiVersion ??= 'v1';
        t.kind ??= 'PersistentVolumeClaim';
        if (isObject(t.spec)) t.spec.volumeMode ??= 'Filesystem';
      }
    }
  }
  defaultPodTemplate(s.template);
}

export function defaultDaemonSet(o: Obj) {
  const s = (o.spec ??= {});
  s.revisionHistoryLimit ??= 10;
  s.updateStrategy ??= {};
  s.updateStrategy.type ??= 'RollingUpdate';
  if (s.updateStrategy.type === 'RollingUpdate') {
    s.updateStrategy.rollingUpdate ??= {};
    s.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    s.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  defaultPodTemplate(s.template);
}

export function defaultJob(o: Obj) {
  const s = (o.spec ??= {});
  s.completions ??= s.parallelism === undefined ? 1 : s.completions;
  s.parallelism ??= 1;
  s.backoffLimit ??= 6;
  s.completionMode ??= 'NonIndexed';
  s.suspend ??= false;
  s.podReplacementPolicy ??= 'TerminatingOrFailed';
  const uid = o.metadata?.uid;
  if (uid && !s.selector) {
    s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
    s.template ??= {};
    s.template.metadata ??= {};
    s.template.metadata.labels = {
      ...(s.template.metadata.labels ?? {}),
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': o.metadata.name,
      'controller-uid': uid,
      'job-name': o.metadata.name,
    };
  }
  defaultPodTemplate(s.template);
}

export function defaultCronJob(o: Obj) {
  const s = (o.spec ??= {});
  s.concurrencyPolicy ??= 'Allow';
  s.suspend ??= false;
  s.successfulJobsHistoryLimit ??= 3;
  s.failedJobsHistoryLimit ??= 1;
  const jt = s.jobTemplate?.spec;
  if (isObject(jt)) {
    jt.backoffLimit ??= 6;
    jt.completionMode ??= 'NonIndexed';
    jt.suspend ??= false;
    defaultPodTemplate(jt.template);
  }
}
