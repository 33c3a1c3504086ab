import { Global, Module } from '@nestjs/common';
import { PlatformMetrics } from './platform-metrics.js';

/** One PlatformMetrics per process, available everywhere (a counter is incremented where its event happens). */
@Global()
@Module({
  providers: [{ provide: PlatformMetrics, useFactory: () => new PlatformMetrics({ defaultMetrics: true }) }],
  exports: [PlatformMetrics],
})
export class MetricsModule {}
