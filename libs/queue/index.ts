export * from './jobs.js';
export * from './outbox-message.entity.js';
export * from './outbox-relay.service.js';
export * from './outbox-retention.service.js';
export * from './outbox.service.js';
export * from './queue.module.js';
export * from './redis-connection.js';
export * from './postgres-queue-schema.js';
