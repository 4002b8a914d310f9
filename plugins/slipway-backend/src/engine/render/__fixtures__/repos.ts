import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { locateTools } from '@slipway/plugin-slipway-node';
import type { ProcessRequest, ProcessRunner } from '../ProcessRunner';
import { SpawnProcessRunner } from '../ProcessRunner';
import type { RenderTools } from '../runTool';

/** A small chart whose ConfigMap echoes the values and capabilities Helm saw. */
export const DEMO_CHART: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
  'values.yaml': 'message: default\nreplicas: 1\n',
  'values-prod.yaml': 'message: prod\n',
  'templates/cm.yaml': [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ .Release.Name }}-cfg',
    '  namespace: {{ .Release.Namespace }}',
    'data:',
    '  message: {{ .Values.message | quote }}',
    '  replicas: {{ .Values.replicas | quote }}',
    '  extra: {{ .Values.extra | default "none" | quote }}',
    '  kube: {{ .Capabilities.KubeVersion.Version | quote }}',
    '  hasMonitoring: {{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" | quote }}',
    '',
  ].join('\n'),
};

/**
 * A chart with one ConfigMap named after the release and chart, showing a
 * value and the chart's version; `extra` adds or replaces files.
 */
export function versionedChart(name: string, version: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: ${version}\n`,
    'values.yaml': `greeting: from-${name}\n`,
    'templates/cm.yaml': [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      `  name: {{ .Release.Name }}-${name}`,
      '  namespace: {{ .Release.Namespace }}',
      'data:',
      '  greeting: {{ .Values.greeting | quote }}',
      '  version: {{ .Chart.Version | quote }}',
      '',
    ].join('\n'),
    ...extra,
  };
}

/** Prefixes every file path of a fixture. */
export function under(prefix: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([p, c]) => [`${prefix}/${p}`, c]));
}

export function deployment(name: string, image = 'nginx:1.25'): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  replicas: 1',
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec:',
    `      containers: [{name: main, image: "${image}"}]`,
    '',
  ].join('\n');
}

let tools: Promise<RenderTools> | undefined;

/** Real helm, kubectl and jsonnet for tests. */
export function testTools(): Promise<RenderTools> {
  tools ??= locateTools({}).then(t => ({
    helm: t.helm,
    kubectl: t.kubectl,
    helmVersion: t.helmVersion,
    kubectlVersion: t.kubectlVersion,
    jsonnet: t.jsonnet,
    jsonnetVersion: t.jsonnetVersion,
    jsonnetProblem: t.jsonnetProblem,
  }));
  return tools;
}

/** A runner that counts the programs it runs. */
export class CountingRunner implements ProcessRunner {
  readonly calls: ProcessRequest[] = [];
  private readonly inner = new SpawnProcessRunner();

  run(request: ProcessRequest) {
    this.calls.push(request);
    return this.inner.run(request);
  }
}

export async function tmpDir(prefix: string): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), prefix));
}
