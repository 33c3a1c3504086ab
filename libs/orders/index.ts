export * from './dtos/order.dto.js';
export * from './mint-batcher.service.js';
export * from './order-settlement.service.js';
export * from './order.entity.js';
export * from './orders.exception.js';
export * from './orders.module.js';
export * from './orders.service.js';
export * from './pricing.js';
