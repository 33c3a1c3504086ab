import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Response } from 'express';
import { PlatformMetrics } from '@rwa/metrics';
import { Public } from '../http/auth.decorators.js';

/** Prometheus text of this API process (api-contract: GET /metrics, no authentication). */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: PlatformMetrics) {}

  @Get()
  @Public()
  @ApiExcludeEndpoint()
  @Header('cache-control', 'no-store')
  async render(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.metrics.contentType);
    return this.metrics.render();
  }
}
