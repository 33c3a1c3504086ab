export * from './idempotency-record.entity.js';
export * from './idempotency.module.js';
export * from './idempotency.service.js';
