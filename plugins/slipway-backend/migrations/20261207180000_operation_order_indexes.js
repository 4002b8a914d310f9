// @ts-check

/**
 * The two sorted look-ups of operations (an application's newest first, the
 * queue oldest first) order by `created_at` and then `id`. With `id` as the
 * last column of their indexes they read the rows in index order instead of
 * sorting them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slipway_operations', table => {
    table.dropIndex(['phase', 'created_at'], 'slipway_operations_phase_idx');
    table.dropIndex(
      ['application_ref', 'created_at'],
      'slipway_operations_application_idx',
    );
  });
  await knex.schema.alterTable('slipway_operations', table => {
    table.index(['phase', 'created_at', 'id'], 'slipway_operations_phase_idx');
    table.index(
      ['application_ref', 'created_at', 'id'],
      'slipway_operations_application_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slipway_operations', table => {
    table.dropIndex(
      ['phase', 'created_at', 'id'],
      'slipway_operations_phase_idx',
    );
    table.dropIndex(
      ['application_ref', 'created_at', 'id'],
      'slipway_operations_application_idx',
    );
  });
  await knex.schema.alterTable('slipway_operations', table => {
    table.index(['phase', 'created_at'], 'slipway_operations_phase_idx');
    table.index(
      ['application_ref', 'created_at'],
      'slipway_operations_application_idx',
    );
  });
};
