import { Global, Module, type DynamicModule } from '@nestjs/common';
import { PlatformMetrics, type MetricsRole } from './platform-metrics.js';

/** One PlatformMetrics per process, available everywhere (a counter is incremented where its event happens). */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(role: MetricsRole): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      providers: [{ provide: PlatformMetrics, useFactory: () => new PlatformMetrics({ role, defaultMetrics: true }) }],
      exports: [PlatformMetrics],
    };
  }
}
