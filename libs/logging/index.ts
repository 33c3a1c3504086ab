export * from './logger.js';
export * from './logging.module.js';
export * from './redaction.js';
export * from './request-context.js';
