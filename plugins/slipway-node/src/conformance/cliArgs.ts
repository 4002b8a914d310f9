/** Command-line arguments of the conformance runner. */
export interface CliArgs {
  corpus?: string;
  luaDir?: string;
  diffCorpus?: string;
}

const FLAGS: Record<string, keyof CliArgs> = {
  '--corpus': 'corpus',
  '--lua-dir': 'luaDir',
  '--diff-corpus': 'diffCorpus',
};

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const key = FLAGS[flag];
    if (!key) {
      throw new Error(
        `Unknown argument ${arg}. Usage: conformance [--corpus DIR] [--lua-dir DIR] [--diff-corpus DIR]`,
      );
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (!value) throw new Error(`${flag} needs a folder`);
    args[key] = value;
  }
  return args;
}
