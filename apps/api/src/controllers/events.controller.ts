import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@rwa/common';
import { EventListQueryDto, EventListResponseDto, EventsService } from '@rwa/events';
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';
import { CurrentActor, Roles } from '../http/auth.decorators.js';

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** The caller's own events in commit order; `nextCursor` is the place to read on from. */
  @Get()
  @Roles(Role.ISSUER, Role.DISTRIBUTOR, Role.COMPLIANCE, Role.ADMIN)
  @ApiEndpoint({ summary: "The caller's events, oldest first, after a cursor", operationId: 'listEvents', ok: EventListResponseDto })
  list(@CurrentActor() actor: Actor, @Query() query: EventListQueryDto): Promise<EventListResponseDto> {
    return this.events.list(actor, query);
  }
}
