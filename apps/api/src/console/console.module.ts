import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller.js';

/** The compliance console's static files at /console (apps/console; docs/console.md). */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
