#!/usr/bin/env node
/*
 * kube-sim: starts the simulated Kubernetes API server and prints the path of
 * its kubeconfig, for use with kubectl:
 *
 *   npx kube-sim [--port N] [--http] [--pod-ready-delay MS] [--nodes N] [--kubeconfig-dir DIR]
 *                [--addons ingress,hpa,loadBalancer|all]
 *
 * It is a simulation for demos and tests, not a cluster.
 */
const path = require('node:path');
const fs = require('node:fs');

function usage(msg) {
  if (msg) process.stderr.write(`kube-sim: ${msg}\n`);
  process.stderr.write(
    'usage: kube-sim [--port N] [--http] [--pod-ready-delay MS] [--nodes N] [--kubeconfig-dir DIR]\n' +
      '                [--addons ingress,hpa,loadBalancer|all]\n' +
      '  --http     serve plain HTTP (kubectl sends tokens only over HTTPS, so the default is HTTPS)\n' +
      '  --addons   simulate controllers that are add-ons in a real cluster (an ingress controller,\n' +
      '             the HPA controller with metrics, a cloud load-balancer provider); default none\n',
  );
  process.exit(msg ? 2 : 0);
}

const ADDONS = ['ingress', 'hpa', 'loadBalancer'];

function parseAddons(v) {
  if (!v) usage(`--addons needs a list such as "ingress,hpa" or "all"`);
  const names = v === 'all' ? ADDONS : v.split(',').map(s => s.trim());
  const addons = {};
  for (const n of names) {
    if (!ADDONS.includes(n))
      usage(`unknown add-on "${n}" in --addons; known: ${ADDONS.join(', ')}, all`);
    addons[n] = true;
  }
  return addons;
}

function parseArgs(argv) {
  const opts = { tls: true };
  const num = (name, v) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0)
      usage(`${name} needs a non-negative integer, got "${v ?? ''}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') opts.port = num(a, argv[++i]);
    else if (a === '--pod-ready-delay')
      opts.podReadyDelayMs = num(a, argv[++i]);
    else if (a === '--nodes') opts.nodes = num(a, argv[++i]);
    else if (a === '--kubeconfig-dir') opts.kubeconfigDir = argv[++i];
    else if (a === '--http') opts.tls = false;
    else if (a === '--addons') opts.addons = parseAddons(argv[++i]);
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument "${a}"`);
  }
  if (opts.kubeconfigDir) fs.mkdirSync(opts.kubeconfigDir, { recursive: true });
  return opts;
}

function load() {
  const dist = path.join(__dirname, '..', 'dist', 'index.cjs.js');
  if (fs.existsSync(dist)) return require(dist);
  require('@backstage/cli/config/nodeTransform.cjs');
  return require(path.join(__dirname, '..', 'src', 'index.ts'));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { startKubeSim } = load();
  const sim = await startKubeSim(opts);
  process.stdout.write(`${sim.kubeconfigPath}\n`);
  process.stderr.write(
    `kube-sim (a simulated Kubernetes API server) listening on ${sim.url}\n`,
  );
  process.stderr.write(`  export KUBECONFIG=${sim.kubeconfigPath}\n`);
  const stop = () => sim.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(e => {
  process.stderr.write(`kube-sim: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
