export * from './challenge-retention.service.js';
export * from './dtos/wallet.dto.js';
export * from './wallet-freeze.service.js';
export * from './wallet-registration.service.js';
export * from './wallet.entities.js';
export * from './wallets.exception.js';
export * from './wallets.module.js';
export * from './wallets.service.js';
