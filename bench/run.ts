/*
 * `npm run bench [-- SCENARIO...]`: runs the performance scenarios and prints
 * one JSON line per scenario, also written to bench/results/latest.jsonl.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BenchScenario } from './BenchResult';
import { appListScenario } from './scenarios/appList';
import { appsetExpandScenario } from './scenarios/appsetExpand';
import { memoryScenario, steadyRefreshScenario } from './scenarios/fleet';
import { kubeSimScenario } from './scenarios/kubeSim';
import { applyLimitScenario, massSyncScenario } from './scenarios/massSync';
import { realisticSyncScenario } from './scenarios/realisticSync';
import { uiGraphScenario } from './scenarios/uiGraph';
import { webhookLatencyScenario } from './scenarios/webhookLatency';

const scenarios: BenchScenario[] = [
  massSyncScenario,
  applyLimitScenario,
  realisticSyncScenario,
  steadyRefreshScenario,
  webhookLatencyScenario,
  memoryScenario,
  appListScenario,
  appsetExpandScenario,
  kubeSimScenario,
  uiGraphScenario,
];

async function main() {
  const wanted = process.argv.slice(2).filter(arg => !arg.startsWith('-'));
  const unknown = wanted.filter(name => !scenarios.some(s => s.name === name));
  if (unknown.length > 0) {
    console.error(
      `unknown scenario ${unknown.join(', ')}; known: ${scenarios.map(s => s.name).join(', ')}`,
    );
    process.exit(2);
  }
  const selected = wanted.length
    ? scenarios.filter(s => wanted.includes(s.name))
    : scenarios;
  const resultsDir = path.join(__dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const lines: string[] = [];
  let failed = false;
  for (const scenario of selected) {
    try {
      const line = JSON.stringify(await scenario.run());
      console.log(line);
      lines.push(line);
    } catch (error) {
      failed = true;
      console.error(`scenario ${scenario.name} failed: ${(error as Error).stack}`);
    }
  }
  fs.writeFileSync(path.join(resultsDir, 'latest.jsonl'), lines.map(l => `${l}\n`).join(''));
  process.exit(failed ? 1 : 0);
}

main();
