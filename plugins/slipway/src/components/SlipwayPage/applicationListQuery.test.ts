import {
  EMPTY_FILTERS,
  filtersFromSearchParams,
  filtersToSearchParams,
  PAGE_SIZE,
  TABLE_FIELDS,
  toListQuery,
} from './applicationListQuery';

describe('toListQuery', () => {
  it('asks for one page of the table fields only when nothing is filtered', () => {
    expect(toListQuery(EMPTY_FILTERS)).toEqual({ limit: PAGE_SIZE, fields: TABLE_FIELDS });
    expect(TABLE_FIELDS).not.toContain('resources');
  });

  it('sends the filters that are set, trimmed, and the cursor of the page', () => {
    expect(
      toListQuery({ ...EMPTY_FILTERS, project: ' shop ', owner: 'team-a', sync: ['OutOfSync'], health: ['Degraded', 'Missing'] }, 'c2'),
    ).toEqual({
      limit: 50,
      fields: TABLE_FIELDS,
      project: 'shop',
      owner: 'team-a',
      sync: ['OutOfSync'],
      health: ['Degraded', 'Missing'],
      cursor: 'c2',
    });
  });
});

describe('filters in the URL', () => {
  it('round-trips through search params', () => {
    const filters = { ...EMPTY_FILTERS, environment: 'prod', cluster: 'eu-1', sync: ['OutOfSync' as const], health: ['Degraded' as const] };
    const params = filtersToSearchParams(filters);
    expect(params.toString()).toBe('cluster=eu-1&environment=prod&sync=OutOfSync&health=Degraded');
    expect(filtersFromSearchParams(params)).toEqual(filters);
  });

  it('drops status words it does not know', () => {
    expect(filtersFromSearchParams(new URLSearchParams('sync=Bogus&health=Healthy'))).toEqual({ ...EMPTY_FILTERS, health: ['Healthy'] });
  });
});
