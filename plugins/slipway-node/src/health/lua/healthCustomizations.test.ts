import { healthCustomizationScripts } from './healthCustomizations';

describe('healthCustomizationScripts', () => {
  it("reads Argo CD's customization keys into group/kind script keys", () => {
    const { scripts, keys, problems } = healthCustomizationScripts({
      'cert-manager.io_Certificate': 'a',
      Pod: 'b',
      'ec2.aws.crossplane.io_*': 'c',
      '*.crossplane.io_*': 'd',
      'apps/Deployment': 'e',
    });
    expect(problems).toEqual([]);
    expect([...scripts]).toEqual([
      ['cert-manager.io/Certificate', 'a'],
      ['core/Pod', 'b'],
      ['ec2.aws.crossplane.io/_', 'c'],
      ['_.crossplane.io/_', 'd'],
      ['apps/Deployment', 'e'],
    ]);
    expect(keys.get('_.crossplane.io/_')).toBe('*.crossplane.io_*');
  });

  it('leaves out entries that are not a group and kind with a script, and says why', () => {
    const { scripts, problems } = healthCustomizationScripts({ 'a_b_c': 'x', '': 'y', 'example.com_Widget': 42, 'example.com_': 'z' });
    expect(scripts.size).toBe(0);
    expect(problems).toHaveLength(4);
    expect(problems[2]).toBe(
      'slipway.health.customizations["example.com_Widget"] must be a Lua health script (the text of a health.lua); it is empty or not text',
    );
  });
});
