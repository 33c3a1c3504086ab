export * from './dtos/stablecoin.dto.js';
export * from './local-stablecoin.service.js';
export * from './settlement-contracts.service.js';
export * from './stablecoin-payments.service.js';
export * from './stablecoin.entities.js';
export * from './stablecoins.exception.js';
export * from './stablecoins.module.js';
export * from './stablecoins.service.js';
