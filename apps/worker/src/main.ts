import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, logLevelsOf } from '@rwa/config';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule);
  app.useLogger(logLevelsOf(app.get(AppConfig)));
  app.enableShutdownHooks();
  new Logger('Worker').log(`Worker ${process.pid} started`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
