// @ts-check

/**
 * The problems each application's owners were told about, so that a
 * restart or another replica does not tell them about the same episode
 * again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slipway_notification_episodes', table => {
    table.comment('Notified problem episodes per application');
    table
      .string('entity_ref', 512)
      .primary()
      .notNullable()
      .comment('Entity ref of the Application');
    table
      .text('episodes')
      .notNullable()
      .comment('JSON: the notified episodes by kind, with their start');
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slipway_notification_episodes');
};
