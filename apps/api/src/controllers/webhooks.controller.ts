import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor, type Page } from '@rwa/common';
import {
  AcceptedResponseDto,
  CreatedWebhookResponseDto,
  CreateWebhookRequestDto,
  DeliveryListQueryDto,
  DeliveryListResponseDto,
  type DeliveryResponseDto,
  RotatedSecretResponseDto,
  UpdateWebhookRequestDto,
  WebhookListResponseDto,
  WebhookResponseDto,
  WebhooksService,
} from '@rwa/events';
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { PageQueryDto, toPageRequest } from '../http/page-query.dto.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
@Roles(Role.ISSUER, Role.DISTRIBUTOR, Role.COMPLIANCE)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiEndpoint({
    summary: 'Subscribe an endpoint to event types (the signing secret is shown once)',
    operationId: 'createWebhook',
    ok: CreatedWebhookResponseDto,
    status: 201,
    errors: [[422, 'WEBHOOK_TARGET_REFUSED']],
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateWebhookRequestDto): Promise<CreatedWebhookResponseDto> {
    return this.webhooks.create(actor, body);
  }

  @Get()
  @ApiEndpoint({ summary: "The caller's organisation's webhooks", operationId: 'listWebhooks', ok: WebhookListResponseDto })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<WebhookResponseDto>> {
    return this.webhooks.list(actor, toPageRequest(query));
  }

  @Get(':id')
  @ApiEndpoint({ summary: 'One webhook', operationId: 'getWebhook', ok: WebhookResponseDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<WebhookResponseDto> {
    return this.webhooks.get(actor, id);
  }

  @Patch(':id')
  @ApiEndpoint({ summary: "Change a webhook's url, event types or enabled state", operationId: 'updateWebhook', ok: WebhookResponseDto, errors: [[422, 'WEBHOOK_TARGET_REFUSED']] })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: UpdateWebhookRequestDto): Promise<WebhookResponseDto> {
    return this.webhooks.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiEndpoint({ summary: 'Delete a webhook and its delivery log', operationId: 'deleteWebhook', ok: null, status: 204 })
  remove(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.webhooks.remove(actor, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiEndpoint({ summary: 'A new signing secret; the previous one keeps signing for 24 h', operationId: 'rotateWebhookSecret', ok: RotatedSecretResponseDto })
  rotateSecret(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<RotatedSecretResponseDto> {
    return this.webhooks.rotateSecret(actor, id);
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiEndpoint({ summary: 'Send a webhook.test event to this endpoint', operationId: 'testWebhook', ok: AcceptedResponseDto, status: 202, okDescription: 'Accepted: the delivery is queued' })
  test(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<AcceptedResponseDto> {
    return this.webhooks.test(actor, id);
  }

  @Get(':id/deliveries')
  @ApiEndpoint({ summary: "The webhook's delivery log", operationId: 'listWebhookDeliveries', ok: DeliveryListResponseDto })
  deliveries(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Query() query: DeliveryListQueryDto, @Query() page: PageQueryDto): Promise<Page<DeliveryResponseDto>> {
    return this.webhooks.deliveries(actor, id, query, toPageRequest(page));
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiEndpoint({
    summary: 'Send a delivery again now (same webhook-id)',
    operationId: 'redeliverWebhookDelivery',
    ok: AcceptedResponseDto,
    status: 202,
    okDescription: 'Accepted: the delivery is queued',
    errors: [[404, 'WEBHOOK_NOT_FOUND, DELIVERY_NOT_FOUND']],
  })
  redeliver(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Param('deliveryId', UuidParamPipe) deliveryId: string): Promise<AcceptedResponseDto> {
    return this.webhooks.redeliver(actor, id, deliveryId);
  }
}
