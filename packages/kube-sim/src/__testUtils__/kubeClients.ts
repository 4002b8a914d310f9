import {
  KubeConfig,
  KubernetesObjectApi,
  CoreV1Api,
  AppsV1Api,
} from '@kubernetes/client-node';
import { KubeSim } from '../startKubeSim';

/** @kubernetes/client-node clients for a running simulator (admin or restricted user). */
export function clientsFor(sim: KubeSim, restricted = false) {
  const kc = new KubeConfig();
  kc.loadFromString(restricted ? sim.restrictedKubeconfig : sim.kubeconfig);
  return {
    kc,
    objects: KubernetesObjectApi.makeApiClient(kc),
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
  };
}

/** Polls `check` until it returns a truthy value (or throws after `ms`). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 5000,
): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end)
      throw new Error(
        `condition not met within ${ms} ms${
          last ? `: ${(last as Error).message}` : ''
        }`,
      );
    await new Promise(r => setTimeout(r, 10));
  }
}
