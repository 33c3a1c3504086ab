export * from './metrics.module.js';
export * from './platform-metrics.js';
