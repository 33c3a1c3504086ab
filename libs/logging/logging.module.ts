import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@rwa/config';
import { rootLogger, type LoggingApp } from './logger.js';

/**
 * Nest's logger on pino (nestjs-pino): every `new Logger(Context).log(...)` becomes one JSON line of
 * the process's root logger. In the API, the HTTP request logger (apps/api/src/http/request-logging.ts)
 * is mounted by main.ts ahead of every other middleware, so a request refused by the body parser is
 * logged too; nestjs-pino only binds that request's logger (`useExisting`) to the Nest logs made
 * while it is served.
 */
@Module({})
export class LoggingModule {
  static forRoot(app: LoggingApp): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ pinoHttp: { logger: rootLogger(config, app) }, useExisting: true }),
        }),
      ],
    };
  }
}
