import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Role, type Actor, type Page } from '@rwa/common';
import { hashRequest, IdempotencyErrorCode, IdempotencyException, IdempotencyService } from '@rwa/idempotency';
import {
  BatchPaymentConfirmationRequestDto,
  CreateOrderRequestDto,
  OrderIntakeService,
  OrderListQueryDto,
  OrderResponseDto,
  OrdersService,
  PaymentAuthorizationRequestDto,
  PaymentConfirmationRequestDto,
  PaymentConfirmationService,
  RefundConfirmationRequestDto,
} from '@rwa/orders';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { HandlesOwnIdempotency } from '../http/idempotency.interceptor.js';
import { PageQueryDto, toPageRequest } from '../http/page-query.dto.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';
import { PageOf } from '../http/page.dto.js';
import { OrderListDto } from './response.dtos.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly intake: OrderIntakeService,
    private readonly confirmations: PaymentConfirmationService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The order and its idempotency record commit in one transaction: a retry can never place it twice. */
  @Post()
  @Roles(Role.DISTRIBUTOR)
  @HandlesOwnIdempotency()
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiEndpoint({ summary: 'Place an order', description: 'A subscription (cash `amount`) or a redemption (`units`). Requires `Idempotency-Key`: the order and its idempotency record commit together, so a retry never places it twice.', operationId: 'createOrder', ok: OrderResponseDto, status: 201, errors: [[409, 'IDEMPOTENCY_KEY_REUSED, CUT_OFF_PASSED'], [404, 'FUND_NOT_FOUND, INVESTOR_NOT_FOUND, WALLET_NOT_FOUND'], [422, 'FUND_NOT_ACTIVE, FUND_PAUSED, FUND_CLOSED, KYC_NOT_APPROVED, INVESTOR_NOT_ELIGIBLE, WALLET_NOT_VERIFIED, BELOW_MINIMUM, INSUFFICIENT_UNITS, UNITS_LOCKED, FUND_MAX_HOLDERS_REACHED, MAX_UNITS_PER_HOLDER_EXCEEDED, TRAVEL_RULE_INFO_REQUIRED, STABLECOIN_NOT_ACCEPTED, INSTANT_REDEMPTION_CAP_EXCEEDED']] })
  async create(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: CreateOrderRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    if (key === undefined) throw new IdempotencyException(IdempotencyErrorCode.IDEMPOTENCY_KEY_REQUIRED, 'POST /v1/orders requires an Idempotency-Key header');
    this.idempotency.assertValidKey(key);
    const requestHash = hashRequest('POST', request.path, request.body);
    const stored = await this.intake.place(actor, key, requestHash, body);
    response.status(stored.statusCode);
    return stored.body;
  }

  /** One wire for several orders: all confirmed, or none (the reference is used once per issuer). */
  @Post('payment-confirmations')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Confirm one payment for several orders', description: 'One wire for several subscriptions: all confirmed, or none (the reference is used once per issuer).', operationId: 'confirmPayments', ok: OrderListDto, errors: [[404, 'ORDER_NOT_FOUND'], [409, 'PAYMENT_REFERENCE_USED, INVALID_STATE_TRANSITION'], [422, 'NOT_A_SUBSCRIPTION']] })
  async confirmPayments(@CurrentActor() actor: Actor, @Body() body: BatchPaymentConfirmationRequestDto): Promise<{ items: OrderResponseDto[] }> {
    return { items: await this.orders.confirmPayments(actor, body) };
  }

  @Get()
  @Roles(Role.DISTRIBUTOR, Role.ISSUER)
  @ApiEndpoint({ summary: 'List orders', operationId: 'listOrders', ok: PageOf(OrderResponseDto) })
  list(@CurrentActor() actor: Actor, @Query() query: OrderListQueryDto, @Query() page: PageQueryDto): Promise<Page<OrderResponseDto>> {
    return this.orders.list(actor, query, toPageRequest(page));
  }

  @Get(':id')
  @Roles(Role.DISTRIBUTOR, Role.ISSUER)
  @ApiEndpoint({ summary: 'Get an order', operationId: 'getOrder', ok: OrderResponseDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<OrderResponseDto> {
    return this.orders.get(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.DISTRIBUTOR)
  @ApiEndpoint({ summary: 'Cancel an order', description: 'Until the cut-off of its dealing date.', operationId: 'cancelOrder', ok: OrderResponseDto, errors: [[409, 'CUT_OFF_PASSED, INVALID_STATE_TRANSITION']] })
  cancel(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<OrderResponseDto> {
    return this.orders.cancel(actor, id);
  }

  /** Honours Idempotency-Key itself: the record commits in the statement that confirms the payment. */
  @Post(':id/payment-confirmation')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  @HandlesOwnIdempotency()
  @ApiEndpoint({ summary: 'Confirm the payment of a subscription', description: 'The units are minted at NAV by the worker.', operationId: 'confirmPayment', ok: OrderResponseDto, errors: [[409, 'PAYMENT_REFERENCE_USED, INVALID_STATE_TRANSITION'], [422, 'NOT_A_SUBSCRIPTION']] })
  async confirmPayment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: PaymentConfirmationRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    if (key !== undefined) this.idempotency.assertValidKey(key);
    const idempotency = key === undefined ? undefined : { key, requestHash: hashRequest('POST', request.path, request.body) };
    const answer = await this.confirmations.confirm(actor, id, body, idempotency);
    response.status(answer.statusCode);
    return answer.body;
  }

  /** The stablecoin leg of a subscription, authorised by the investor's wallet: the worker then settles it in one transaction. */
  @Post(':id/payment-authorization')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.DISTRIBUTOR)
  @ApiEndpoint({
    summary: "Authorise a stablecoin subscription's payment: the wallet's EIP-2612 permit signature, or APPROVAL",
    operationId: 'authorizeOrderPayment',
    ok: OrderResponseDto,
    errors: [
      [409, 'INVALID_STATE_TRANSITION, CUT_OFF_PASSED'],
      [
        422,
        'NOT_A_STABLECOIN_ORDER, PAYMENT_NOT_AUTHORIZED, PERMIT_EXPIRED, INSUFFICIENT_STABLECOIN_BALANCE, SETTLEMENT_PAUSED, STABLECOIN_NOT_ACCEPTED, WALLET_NOT_VERIFIED, FUND_NOT_ACTIVE, FUND_PAUSED, FUND_CLOSED, KYC_NOT_APPROVED, INVESTOR_NOT_ELIGIBLE, FUND_MAX_HOLDERS_REACHED, MAX_UNITS_PER_HOLDER_EXCEEDED',
      ],
    ],
  })
  authorizePayment(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: PaymentAuthorizationRequestDto): Promise<OrderResponseDto> {
    return this.orders.authorizePayment(actor, id, body);
  }

  @Post(':id/refund-confirmation')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Confirm the refund of a subscription', operationId: 'confirmRefund', ok: OrderResponseDto, errors: [[409, 'INVALID_STATE_TRANSITION, REFUND_FROM_ESCROW'], [422, 'NOT_A_SUBSCRIPTION']] })
  confirmRefund(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: RefundConfirmationRequestDto): Promise<OrderResponseDto> {
    return this.orders.confirmRefund(actor, id, body);
  }

  @Post(':id/payout-confirmation')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ISSUER)
  @ApiEndpoint({ summary: 'Confirm the payout of a redemption', operationId: 'confirmPayout', ok: OrderResponseDto, errors: [[409, 'PAYMENT_REFERENCE_USED, INVALID_STATE_TRANSITION'], [422, 'NOT_A_REDEMPTION']] })
  confirmPayout(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: PaymentConfirmationRequestDto): Promise<OrderResponseDto> {
    return this.orders.confirmPayout(actor, id, body);
  }
}
