import { DataSource } from 'typeorm';
import { loadConfig } from '@rwa/config';
import { dataSourceOptions } from './data-source-options.js';

/**
 * The data source of the TypeORM CLI (`npm run migration:run | migration:revert | migration:show`,
 * which run `typeorm -d dist/libs/database/cli-data-source.js`): the same options and migrations as
 * the apps and setup (style.md E12), on DATABASE_URL.
 */
export default new DataSource(dataSourceOptions(loadConfig().database.url));
