// @ts-check

/**
 * Slipway's first schema: application status, operations with their events,
 * and deployment history.
 *
 * Times are stored as timestamps with time zone; JSON documents as text so
 * that the same schema works on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slipway_application_status', table => {
    table.comment('The last observed state of each Application entity');
    table
      .string('entity_ref', 512)
      .primary()
      .notNullable()
      .comment(
        'Entity ref of the Application, e.g. application:default/payments-prod',
      );
    // Denormalised filter columns, copied from the entity on every upsert.
    table.string('component_ref', 512).nullable();
    table.string('project', 255).nullable();
    table.string('cluster', 255).nullable();
    table.string('namespace', 255).nullable();
    table.string('environment', 255).nullable();
    table.string('owner', 512).nullable();
    // Status.
    table.string('sync_status', 32).notNullable().defaultTo('Unknown');
    table.timestamp('sync_changed_at', { useTz: true }).nullable();
    table.string('health_status', 32).notNullable().defaultTo('Unknown');
    table.text('health_message').nullable();
    table.timestamp('health_changed_at', { useTz: true }).nullable();
    table.string('revision', 255).nullable().comment('Commit SHA compared');
    table.text('commit').nullable().comment('JSON: author, message, date');
    table.text('conditions').nullable().comment('JSON array of conditions');
    table.text('resources').nullable().comment('JSON resource tree summary');
    table.text('versions').nullable().comment('JSON images and charts');
    table.timestamp('reconciled_at', { useTz: true }).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();

    // Composite indexes end with the primary key so that a filtered page in
    // entity ref order is one index range scan.
    for (const column of [
      'component_ref',
      'project',
      'cluster',
      'namespace',
      'environment',
      'owner',
      'sync_status',
      'health_status',
    ]) {
      table.index([column, 'entity_ref'], `slipway_app_status_${column}_idx`);
    }
  });

  await knex.schema.createTable('slipway_operations', table => {
    table.comment('Sync and rollback operations, claimed by one replica');
    table.string('id', 36).primary().notNullable().comment('UUID');
    table.string('application_ref', 512).notNullable();
    table
      .string('active_key', 512)
      .nullable()
      .unique({ indexName: 'slipway_operations_active_key_uq' })
      .comment(
        'Equals application_ref while the operation is queued, running or ' +
          'terminating, NULL afterwards: at most one active operation per application',
      );
    table.string('kind', 32).notNullable();
    table.text('request').notNullable().comment('JSON operation request');
    table.string('initiator', 512).notNullable();
    table.string('phase', 32).notNullable();
    table.text('message').nullable();
    table
      .text('result')
      .nullable()
      .comment('JSON result written on completion');
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('claimed_by', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.timestamp('heartbeat_at', { useTz: true }).nullable();

    table.index(['phase', 'created_at'], 'slipway_operations_phase_idx');
    table.index(
      ['application_ref', 'created_at'],
      'slipway_operations_application_idx',
    );
  });

  await knex.schema.createTable('slipway_operation_events', table => {
    table.comment('Append-only progress of an operation');
    table.bigIncrements('id').primary();
    table
      .string('operation_id', 36)
      .notNullable()
      .references('id')
      .inTable('slipway_operations')
      .onDelete('CASCADE');
    table.timestamp('time', { useTz: true }).notNullable();
    table
      .string('phase', 32)
      .nullable()
      .comment('PreSync, Sync, PostSync, SyncFail');
    table.integer('wave').nullable();
    table
      .string('resource_key', 1024)
      .nullable()
      .comment('group/kind/namespace/name');
    table.string('status', 64).notNullable();
    table.text('message').nullable();

    table.index(['operation_id', 'id'], 'slipway_operation_events_op_idx');
  });

  await knex.schema.createTable('slipway_history', table => {
    table.comment('The last deployed revisions per application, for rollback');
    table.bigIncrements('id').primary();
    table.string('application_ref', 512).notNullable();
    table.string('revision', 255).notNullable();
    table.text('source').notNullable().comment('JSON Application source');
    table.string('initiator', 512).notNullable();
    table.timestamp('deploy_started_at', { useTz: true }).nullable();
    table.timestamp('deployed_at', { useTz: true }).notNullable();
    table.text('commit_author').nullable();
    table.text('commit_message').nullable();
    table.string('operation_id', 36).nullable();

    table.index(['application_ref', 'id'], 'slipway_history_application_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slipway_history');
  await knex.schema.dropTable('slipway_operation_events');
  await knex.schema.dropTable('slipway_operations');
  await knex.schema.dropTable('slipway_application_status');
};
