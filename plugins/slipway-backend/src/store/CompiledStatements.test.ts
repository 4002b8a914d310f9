import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { CompiledStatements, type StatementValue } from './CompiledStatements';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

async function itemsTable(knex: Knex) {
  await knex.schema.dropTableIfExists('items');
  await knex.schema.createTable('items', table => {
    table.increments('id');
    table.string('name').notNullable();
    table.string('owner').nullable();
    table.integer('size').notNullable().defaultTo(0);
  });
}

describe('CompiledStatements', () => {
  it.each(databases.eachSupportedId())(
    'runs a statement compiled once with each call’s values, with the results knex gives, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await itemsTable(knex);
      const statements = new CompiledStatements(knex);
      let builds = 0;
      const ofOwner = (owner: StatementValue) =>
        statements.query('items-of-owner', [owner], ([o]) => {
          builds += 1;
          return knex('items').select('name').where('owner', o).orderBy('name');
        });

      const inserted = await statements.insert(
        'items',
        [
          { name: 'a', owner: 'ann', size: 1 },
          { name: 'b', owner: 'bob', size: 2 },
        ],
        'id',
      );
      expect(inserted).toHaveLength(2);
      await statements.insert('items', [{ name: 'c', owner: 'ann', size: 3 }]);

      expect(await ofOwner('ann')).toEqual([{ name: 'a' }, { name: 'c' }]);
      expect(await ofOwner('bob')).toEqual([{ name: 'b' }]);
      expect(builds).toBe(1);

      // an update answers its count of changed rows, as the builder's does
      const grow = (owner: string, size: number) =>
        statements.query('grow', [owner, size], ([o, s]) =>
          knex('items').where('owner', o).update({ size: s }),
        );
      expect(await grow('ann', 10)).toBe(2);
      expect(await grow('nobody', 10)).toBe(0);
      expect(
        await knex('items').select('name', 'size').orderBy('name'),
      ).toEqual([
        { name: 'a', size: 10 },
        { name: 'b', size: 2 },
        { name: 'c', size: 10 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'compiles a null value as knex does (is null), apart from the same statement with a value, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await itemsTable(knex);
      const statements = new CompiledStatements(knex);
      await statements.insert('items', [{ name: 'a', owner: 'ann', size: 1 }]);
      await statements.insert('items', [{ name: 'b', owner: null, size: 1 }]);
      const ofOwner = (owner: StatementValue) =>
        statements.query('items-of-owner', [owner], ([o]) =>
          knex('items').select('name').where('owner', o),
        );

      expect(await ofOwner(null)).toEqual([{ name: 'b' }]);
      expect(await ofOwner('ann')).toEqual([{ name: 'a' }]);
      expect(await ofOwner(null)).toEqual([{ name: 'b' }]);
    },
  );

  it('refuses a statement that does not bind a value it was given', async () => {
    const knex = await databases.init('SQLITE_3');
    await itemsTable(knex);
    const statements = new CompiledStatements(knex);
    expect(() =>
      statements.query('sorted', ['name'], ([column]) =>
        knex('items').orderBy(column as string),
      ),
    ).toThrow(/sorted puts a value into its SQL text/);
    expect(() =>
      statements.query('ignores', ['x'], () => knex('items').select('name')),
    ).toThrow(/ignores does not bind its value 0/);
  });
});
