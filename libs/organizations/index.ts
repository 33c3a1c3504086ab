export * from './api-key-hash.js';
export * from './api-key.entity.js';
export * from './dtos/organization.dto.js';
export * from './organization.entity.js';
export * from './organizations.exception.js';
export * from './organizations.module.js';
export * from './organizations.service.js';
