import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Role, type Actor } from '@rwa/common';
import type { SqlStatement } from '@rwa/database';
import type { EventListQueryDto, EventListResponseDto, EventResponseDto } from './dtos/event.dto.js';

/**
 * Who may see an event: the issuer of the fund it concerns, the distributor of the investor, wallet
 * or order, one organisation (the owner of a webhook), and with `compliance` the compliance
 * officers. At least one of them.
 */
export interface EventAudience {
  issuerId?: string | null;
  distributorId?: string | null;
  organizationId?: string | null;
  compliance?: boolean;
}

/** A business event to record, in the transaction of the state change it reports. */
export interface EventInput {
  type: string;
  subject: { type: string; id: string };
  /** The subject's public representation (what the API answers for it) at the change. */
  data: object;
  audience: EventAudience;
  /** Delivered only to this subscription (webhook.test). */
  subscriptionId?: string | null;
  occurredAt?: Date;
}

interface EventRow {
  id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  data: Record<string, unknown>;
  occurred_at: Date;
  position: string;
}

const FEED_DEFAULT_LIMIT = 50;

/**
 * The event outbox and the feed. An event is written in the caller's transaction (it exists if and
 * only if the change does), with a stable id. It becomes visible in the feed, and is delivered to
 * webhooks, once EventPositioner has given it its feed position, after its transaction committed.
 */
@Injectable()
export class EventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records one event in the caller's transaction; answers its id. */
  async emit(manager: EntityManager, event: EventInput): Promise<string> {
    const [id] = await this.emitMany(manager, [event]);
    return id!;
  }

  /** Records several events, in order, in the caller's transaction (one statement); answers their ids. */
  async emitMany(manager: EntityManager, events: readonly EventInput[]): Promise<string[]> {
    if (events.length === 0) return [];
    const ids = events.map(() => randomUUID());
    const now = new Date();
    await manager.query(
      `INSERT INTO events (id, type, subject_type, subject_id, data, occurred_at, issuer_id, distributor_id, organization_id, compliance, subscription_id)
       SELECT v.id, v.type, v.subject_type, v.subject_id, v.data, v.occurred_at, v.issuer_id, v.distributor_id, v.organization_id, v.compliance, v.subscription_id
       FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::uuid[], $5::jsonb[], $6::timestamptz[], $7::uuid[], $8::uuid[], $9::uuid[], $10::boolean[], $11::uuid[]) WITH ORDINALITY
         AS v(id, type, subject_type, subject_id, data, occurred_at, issuer_id, distributor_id, organization_id, compliance, subscription_id, ord)
       ORDER BY ord`,
      [
        ids,
        events.map((event) => event.type),
        events.map((event) => event.subject.type),
        events.map((event) => event.subject.id),
        events.map((event) => JSON.stringify(event.data)),
        events.map((event) => event.occurredAt ?? now),
        events.map((event) => event.audience.issuerId ?? null),
        events.map((event) => event.audience.distributorId ?? null),
        events.map((event) => event.audience.organizationId ?? null),
        events.map((event) => event.audience.compliance === true),
        events.map((event) => event.subscriptionId ?? null),
      ],
    );
    return ids;
  }

  /**
   * An INSERT of events for one statement assembled by a hot path: an event is written only if its
   * subject's id is among the `id`s the CTE `from` returns (the changes that happened), in order.
   */
  insertSql(statement: SqlStatement, from: string, events: readonly EventInput[]): string {
    const rows = events.map(
      (event, index) =>
        `(${index}, ${statement.param(randomUUID(), 'uuid')}, ${statement.param(event.type, 'varchar')}, ${statement.param(event.subject.type, 'varchar')}, ${statement.param(event.subject.id, 'uuid')}, ` +
        `${statement.param(JSON.stringify(event.data), 'jsonb')}, ${statement.param(event.occurredAt ?? new Date(), 'timestamptz')}, ${statement.param(event.audience.issuerId ?? null, 'uuid')}, ` +
        `${statement.param(event.audience.distributorId ?? null, 'uuid')}, ${statement.param(event.audience.organizationId ?? null, 'uuid')}, ${statement.param(event.audience.compliance === true, 'boolean')})`,
    );
    return `INSERT INTO events (id, type, subject_type, subject_id, data, occurred_at, issuer_id, distributor_id, organization_id, compliance)
      SELECT v.id, v.type, v.subject_type, v.subject_id, v.data, v.occurred_at, v.issuer_id, v.distributor_id, v.organization_id, v.compliance
      FROM (VALUES ${rows.join(', ')}) AS v(ord, id, type, subject_type, subject_id, data, occurred_at, issuer_id, distributor_id, organization_id, compliance)
      WHERE v.subject_id IN (SELECT id FROM ${from}) ORDER BY v.ord`;
  }

  /** The caller's positioned events after the cursor, oldest first. */
  async list(actor: Actor, query: EventListQueryDto): Promise<EventListResponseDto> {
    const limit = query.limit ?? FEED_DEFAULT_LIMIT;
    const types = query.types ? query.types.split(',') : null;
    const rows = (await this.dataSource.query(
      `SELECT id, type, subject_type, subject_id, data, occurred_at, position FROM events
       WHERE position IS NOT NULL AND position > $1::bigint AND ${audienceSql('$2::uuid', '$3::boolean')}
         AND ($4::varchar[] IS NULL OR type = ANY($4::varchar[]))
       ORDER BY position LIMIT $5`,
      [query.after ?? '0', actor.organizationId, actor.role === Role.COMPLIANCE, types, limit + 1],
    )) as EventRow[];
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    // The cursor is the last position read: an empty page answers the caller's own cursor again, so
    // a poller keeps its place instead of starting over.
    return { items: items.map(mapEvent), nextCursor: last ? last.position : (query.after ?? null) };
  }
}

/** The events an organisation (and, with `complianceSql` true, a compliance officer) may see. */
export function audienceSql(organizationSql: string, complianceSql: string, alias = ''): string {
  const p = alias ? `${alias}.` : '';
  return `(${p}issuer_id = ${organizationSql} OR ${p}distributor_id = ${organizationSql} OR ${p}organization_id = ${organizationSql} OR (${p}compliance AND ${complianceSql}))`;
}

function mapEvent(row: EventRow): EventResponseDto {
  return { id: row.id, type: row.type, occurredAt: new Date(row.occurred_at).toISOString(), subject: { type: row.subject_type, id: row.subject_id }, data: row.data };
}
