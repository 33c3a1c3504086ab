import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, logLevelsOf } from '@rwa/config';
import { ApiModule } from './api.module.js';
import { configureHttp } from './bootstrap.js';

async function main(): Promise<void> {
  const app = await NestFactory.create(ApiModule, { bufferLogs: false });
  const config = app.get(AppConfig);
  app.useLogger(logLevelsOf(config));
  configureHttp(app);
  app.enableShutdownHooks();
  await app.listen(config.http.port);
  new Logger('Api').log(`API listening on http://localhost:${config.http.port} (docs: http://localhost:${config.http.port}/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
