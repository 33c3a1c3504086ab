export * from './alerts.service.js';
export * from './dtos/kyt.dto.js';
export * from './kyt-subject-handlers.js';
export * from './kyt.entities.js';
export * from './kyt.exception.js';
export * from './kyt.module.js';
export * from './kyt.service.js';
