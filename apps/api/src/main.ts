import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@rwa/config';
import { PlatformMetrics } from '@rwa/metrics';
import { ApiModule } from './api.module.js';
import { configureHttp } from './bootstrap.js';
import { requestLogging } from './http/request-logging.js';

async function main(): Promise<void> {
  // Start-up logs wait for the pino logger, so that every line of the process is JSON.
  const app = await NestFactory.create(ApiModule, { bufferLogs: true });
  const config = app.get(AppConfig);
  const logger = app.get(Logger);
  app.useLogger(logger);
  // First of all middleware: a request refused by the body parser or the input checks still gets
  // its id, its log line and its metrics.
  app.use(requestLogging(config, app.get(PlatformMetrics)));
  configureHttp(app);
  app.enableShutdownHooks();
  await app.listen(config.http.port);
  logger.log(`API listening on http://localhost:${config.http.port} (docs: http://localhost:${config.http.port}/docs)`, 'Api');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
