export * from './data-source-options.js';
export * from './database.module.js';
export * from './sql-statement.js';
export * from './hydrate.js';
export * from './keyset-page.js';
export * from './transaction-context.js';
