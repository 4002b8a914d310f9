/**
 * `appset expand FILE [--repo DIR] [--clusters FILE] [--max-applications N]
 * [--git-file-globbing legacy|doublestar]`: expands every ApplicationSet in
 * FILE and prints the generated Applications as YAML documents sorted by
 * name. Git generators read the working tree at DIR. Problems go to stderr
 * and make the exit code 1.
 */
import { promises as fs } from 'node:fs';
import YAML from 'yaml';
import { expandApplicationSet } from './expand';
import { compareByName } from './names';
import type { Application, ClusterInfo, GitFileGlobbing } from './types';
import { WorkingTreeGitReader } from './WorkingTreeGitReader';

/** Where the command writes. @public */
export interface CommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `usage: appset expand FILE [--repo DIR] [--clusters FILE] [--max-applications N] [--git-file-globbing legacy|doublestar]

Prints the Applications that the ApplicationSets in FILE generate, as YAML
documents sorted by name. Git generators read the working tree at DIR.
--clusters names a YAML list of {name, server, labels, annotations, local}
for the clusters generator (default: the local in-cluster only).`;

function parseArgs(argv: string[]): {
  file?: string;
  options: Record<string, string>;
  problem?: string;
} {
  const [command, ...rest] = argv;
  if (command !== 'expand')
    return {
      options: {},
      problem: command ? `unknown command "${command}"` : 'missing command',
    };
  const options: Record<string, string> = {};
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split('=', 2);
      if (
        !['repo', 'clusters', 'max-applications', 'git-file-globbing'].includes(
          key,
        )
      )
        return { options, problem: `unknown option --${key}` };
      const value = inline ?? rest[++i];
      if (value === undefined)
        return { options, problem: `--${key} needs a value` };
      options[key] = value;
    } else if (!file) {
      file = a;
    } else {
      return { options, problem: `unexpected argument "${a}"` };
    }
  }
  if (!file) return { options, problem: 'missing FILE' };
  return { file, options };
}

async function readClusters(file: string): Promise<ClusterInfo[]> {
  const parsed = YAML.parse(await fs.readFile(file, 'utf8'));
  if (
    !Array.isArray(parsed) ||
    parsed.some(
      c => typeof c?.name !== 'string' || typeof c?.server !== 'string',
    )
  ) {
    throw new Error(
      `${file} must hold a YAML list of clusters with name and server`,
    );
  }
  return parsed as ClusterInfo[];
}

/** Runs the command; returns the exit code. Never throws. @public */
export async function runAppsetCommand(
  argv: string[],
  io: CommandIO,
): Promise<number> {
  const { file, options, problem } = parseArgs(argv);
  if (problem || !file) {
    io.err(`${problem}\n${USAGE}\n`);
    return 2;
  }
  try {
    const globbing = (options['git-file-globbing'] ??
      'legacy') as GitFileGlobbing;
    if (globbing !== 'legacy' && globbing !== 'doublestar')
      throw new Error('--git-file-globbing must be legacy or doublestar');
    const max =
      options['max-applications'] === undefined
        ? undefined
        : Number(options['max-applications']);
    if (max !== undefined && !(Number.isInteger(max) && max > 0))
      throw new Error('--max-applications must be a positive integer');
    const docs = YAML.parseAllDocuments(await fs.readFile(file, 'utf8'));
    const git = options.repo
      ? new WorkingTreeGitReader(options.repo, { gitFileGlobbing: globbing })
      : undefined;
    const clusters = options.clusters
      ? await readClusters(options.clusters)
      : undefined;
    const applications: Application[] = [];
    let failed = false;
    let sets = 0;
    for (const [i, doc] of docs.entries()) {
      if (doc.errors.length) {
        io.err(
          `${file}: document ${i + 1} is not valid YAML: ${
            doc.errors[0].message
          }\n`,
        );
        failed = true;
        continue;
      }
      const obj = doc.toJS();
      if (obj === null || obj === undefined) continue;
      if (obj?.kind !== 'ApplicationSet') continue;
      sets++;
      const result = await expandApplicationSet(obj, {
        git,
        clusters,
        gitFileGlobbing: globbing,
        limits: { maxApplications: max },
      });
      for (const e of result.errors) io.err(`${e.message}\n`);
      if (result.errors.length) failed = true;
      if (
        !git &&
        result.errors.some(e => e.message.includes('needs Git access'))
      )
        io.err(
          'hint: pass --repo DIR to read git generators from a working tree\n',
        );
      applications.push(...result.applications);
    }
    if (sets === 0) {
      io.err(`${file} holds no ApplicationSet\n`);
      return 1;
    }
    applications.sort(compareByName);
    io.out(
      applications
        .map(a => YAML.stringify(a, { lineWidth: 0 }))
        .map(y => `---\n${y}`)
        .join(''),
    );
    return failed ? 1 : 0;
  } catch (e) {
    io.err(`appset: ${(e as Error).message}\n`);
    return 1;
  }
}
