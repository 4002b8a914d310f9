import { flattenParams, mergeOverride } from './params';

describe('mergeOverride (mergo.Merge with WithOverride, as matrix and merge use it)', () => {
  it('merges maps, and lets lists, scalars and null of the source replace', () => {
    expect(
      mergeOverride(
        { a: { x: 1, y: 2 }, list: [1, 2], s: 'keep', f: true, n: 'v' },
        { a: { y: 3 }, list: [9], s: '', f: false, n: null },
      ),
    ).toEqual({ a: { x: 1, y: 3 }, list: [9], s: '', f: false, n: null });
  });

  it('lets a source map replace anything but a non-empty map (dario.cat/mergo v1)', () => {
    expect(
      mergeOverride(
        { str: 'plain', list: ['a'], num: 7, empty: '', none: {}, m: { a: 1 } },
        {
          str: { k: 1 },
          list: { k: 2 },
          num: { k: 6 },
          empty: { k: 3 },
          none: { k: 4 },
          add: { k: 5 },
          m: { b: 2 },
        },
      ),
    ).toEqual({
      str: { k: 1 },
      list: { k: 2 },
      num: { k: 6 },
      empty: { k: 3 },
      none: { k: 4 },
      add: { k: 5 },
      m: { a: 1, b: 2 },
    });
  });

  it('leaves its arguments unchanged', () => {
    const dst = { a: { x: 1 } };
    const src = { a: { y: 2 } };
    mergeOverride(dst, src);
    expect(dst).toEqual({ a: { x: 1 } });
    expect(src).toEqual({ a: { y: 2 } });
  });
});

describe('flattenParams (jeremywohl/flatten DotStyle)', () => {
  it('joins keys with dots, numbers list items, prints leaves with %v and drops empty maps and lists', () => {
    expect(
      flattenParams({
        team: { name: 'qa', size: 3, on: true, lead: null },
        tags: ['a', 'b'],
        empty: {},
        none: [],
      }),
    ).toEqual({
      'team.name': 'qa',
      'team.size': '3',
      'team.on': 'true',
      'team.lead': '<nil>',
      'tags.0': 'a',
      'tags.1': 'b',
    });
  });
});
