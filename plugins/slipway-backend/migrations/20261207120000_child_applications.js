// @ts-check

/**
 * Argo CD Applications and ApplicationSets an Application (an app of apps)
 * rendered, as of its last sync: the catalog module publishes them as
 * catalog entities.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slipway_child_applications', table => {
    table.comment('Child Applications and ApplicationSets of an app of apps, as last synced');
    table.string('parent_ref', 512).notNullable().comment('Entity ref of the parent Application');
    table.string('kind', 64).notNullable().comment('Application or ApplicationSet');
    table.string('name', 253).notNullable();
    table.text('manifest').notNullable().comment('JSON of the child as rendered');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['parent_ref', 'kind', 'name']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slipway_child_applications');
};
