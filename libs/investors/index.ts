export * from './dtos/investor.dto.js';
export * from './investor-registry-hooks.js';
export * from './investor.entity.js';
export * from './investors.exception.js';
export * from './investors.module.js';
export * from './investors.service.js';
