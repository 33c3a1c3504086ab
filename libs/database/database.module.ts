import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@rwa/config';
import { dataSourceOptions } from './data-source-options.js';
import { TransactionContext } from './transaction-context.js';

/** The Postgres connection of an app; each domain module registers its own entities. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.database.url, config.database), autoLoadEntities: true }),
    }),
  ],
  providers: [TransactionContext],
  exports: [TransactionContext],
})
export class DatabaseModule {}
