export * from './dealing-calendar.js';
export * from './dtos/fund.dto.js';
export * from './fund-deployment.service.js';
export * from './fund.entity.js';
export * from './funds.exception.js';
export * from './funds.module.js';
export * from './funds.service.js';
