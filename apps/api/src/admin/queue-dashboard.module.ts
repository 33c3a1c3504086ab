import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Role } from '@rwa/common';
import { OrganizationsModule } from '@rwa/organizations';
import { QueueConnectionModule, QueueName } from '@rwa/queue';
import { ApiKeyGuard } from '../http/api-key.guard.js';

/** Where the dashboard is served (api-contract.md, "Operations"). */
export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

/**
 * The queue dashboard (bull-board) at /admin/queues, for ADMIN keys only. It is plain Express
 * middleware, outside Nest's router, so the global ApiKeyGuard does not see it: the middleware below
 * asks the same guard. A browser cannot send a bearer header, so the key is also accepted as the
 * password of HTTP Basic authentication (any user name), and a 401 asks the browser for it.
 */
/** The API-key guard as a provider of its own, for the dashboard's middleware. */
@Module({ imports: [OrganizationsModule], providers: [ApiKeyGuard], exports: [ApiKeyGuard] })
class DashboardAuthModule {}

@Module({
  imports: [
    QueueConnectionModule,
    BullBoardModule.forRootAsync({
      imports: [DashboardAuthModule],
      inject: [ApiKeyGuard],
      useFactory: (guard: ApiKeyGuard) => ({
        route: QUEUE_DASHBOARD_ROUTE,
        adapter: ExpressAdapter,
        boardOptions: { uiConfig: { boardTitle: 'RWA platform queues' } },
        middleware: adminOnly(guard),
      }),
    }),
    BullBoardModule.forFeature({ name: QueueName.CHAIN, adapter: BullMQAdapter }),
  ],
})
export class QueueDashboardModule {}

function adminOnly(guard: ApiKeyGuard) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    const basic = /^Basic (\S+)$/.exec(request.headers.authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      request.headers.authorization = `Bearer ${decoded.slice(decoded.indexOf(':') + 1)}`;
    }
    try {
      await guard.authorize(request, [Role.ADMIN]);
      next();
    } catch (error) {
      response.setHeader('www-authenticate', 'Basic realm="queues", charset="UTF-8"');
      next(error);
    }
  };
}
