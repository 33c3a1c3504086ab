export * from './chain-indexer.service.js';
export * from './holdings.entities.js';
export * from './holdings.module.js';
export * from './holdings.service.js';
export * from './transfer-screening.service.js';
