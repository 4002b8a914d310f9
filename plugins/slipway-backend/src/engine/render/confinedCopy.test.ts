import fs from 'node:fs';
import path from 'node:path';
import { copyConfined } from './confinedCopy';
import { RenderError } from './RenderError';
import { tmpDir } from './__fixtures__/repos';

describe('copyConfined', () => {
  async function repository(): Promise<string> {
    const root = await fs.promises.realpath(await tmpDir('slipway-copy-repo-'));
    await fs.promises.mkdir(path.join(root, 'chart/templates'), { recursive: true });
    await fs.promises.mkdir(path.join(root, 'shared'));
    await fs.promises.writeFile(path.join(root, 'chart/Chart.yaml'), 'name: chart\n', { mode: 0o444 });
    await fs.promises.writeFile(path.join(root, 'shared/helpers.tpl'), '{{/* shared */}}\n');
    await fs.promises.symlink('../../shared/helpers.tpl', path.join(root, 'chart/templates/_helpers.tpl'));
    await fs.promises.symlink('../shared', path.join(root, 'chart/linked'));
    return root;
  }
  const copy = async (root: string, maxFiles = 100) => {
    const to = path.join(await tmpDir('slipway-copy-'), 'out');
    await copyConfined({ appName: 'app', root, from: path.join(root, 'chart'), to, budget: { files: 0, maxFiles }, what: 'chart "chart"' });
    return to;
  };

  it('copies files writable and follows symlinks that stay inside the repository', async () => {
    const to = await copy(await repository());
    expect(fs.readFileSync(path.join(to, 'templates/_helpers.tpl'), 'utf8')).toBe('{{/* shared */}}\n');
    expect(fs.lstatSync(path.join(to, 'linked')).isDirectory()).toBe(true);
    expect(fs.statSync(path.join(to, 'Chart.yaml')).mode & 0o777).toBe(0o644);
  });

  it('refuses a symlink outside the repository, a symlink loop, and more files than allowed', async () => {
    const outside = await repository();
    await fs.promises.symlink('/etc', path.join(outside, 'chart/etc'));
    const escaped = await copy(outside).catch(e => e);
    expect(escaped).toBeInstanceOf(RenderError);
    expect(escaped.reason).toBe('symlink-outside-repository');
    expect(escaped.message).toContain('chart/etc');

    const looping = await repository();
    await fs.promises.symlink('..', path.join(looping, 'chart/templates/up'));
    const loop = await copy(looping).catch(e => e);
    expect(loop.message).toContain('chart/templates/up is a symlink to a folder that contains it');

    const big = await copy(await repository(), 2).catch(e => e);
    expect(big.reason).toBe('limit-exceeded');
  });
});
