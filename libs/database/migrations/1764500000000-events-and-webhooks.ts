import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events and webhooks (issue 13):
 * - `events`: the outbox of business events, written in the transaction of the state change they
 *   report. `seq` is the insertion order; `position` (the feed's order) is assigned once the row is
 *   committed, by one positioner at a time (EventPositioner), so a reader of the feed never skips an
 *   event committed later with a lower seq. The audience: the issuer, the distributor, one
 *   organisation (webhook events) and, for KYT events, the compliance officers.
 * - `webhook_subscriptions`: endpoints, their event types and their secrets (encrypted at rest).
 * - `webhook_deliveries`: one row per (event, matching subscription), created when the event is
 *   positioned; the database is the truth of what is delivered, the queue only a wake-up. `ready`:
 *   the delivery heads its subject's line to its endpoint (no earlier one of the subject PENDING).
 * New tables only: no lock on existing ones.
 */
export class EventsAndWebhooks1764500000000 implements MigrationInterface {
  name = 'EventsAndWebhooks1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL,
        type varchar(64) NOT NULL,
        subject_type varchar(32) NOT NULL,
        subject_id uuid NOT NULL,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        issuer_id uuid,
        distributor_id uuid,
        organization_id uuid,
        compliance boolean NOT NULL DEFAULT false,
        subscription_id uuid,
        position bigint,
        positioned_at timestamptz,
        CONSTRAINT uq_events_id UNIQUE (id),
        CONSTRAINT uq_events_position UNIQUE (position)
      );
      CREATE INDEX idx_events_unpositioned ON events (seq) WHERE position IS NULL;
      CREATE INDEX idx_events_issuer_position ON events (issuer_id, position) WHERE issuer_id IS NOT NULL AND position IS NOT NULL;
      CREATE INDEX idx_events_distributor_position ON events (distributor_id, position) WHERE distributor_id IS NOT NULL AND position IS NOT NULL;
      CREATE INDEX idx_events_organization_position ON events (organization_id, position) WHERE organization_id IS NOT NULL AND position IS NOT NULL;
      CREATE INDEX idx_events_compliance_position ON events (position) WHERE compliance AND position IS NOT NULL;
      CREATE INDEX idx_events_occurred_at ON events (occurred_at);

      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        role varchar(20) NOT NULL,
        url varchar(2048) NOT NULL,
        events varchar(64)[] NOT NULL,
        description varchar(500),
        enabled boolean NOT NULL DEFAULT true,
        secret_enc text NOT NULL,
        previous_secret_enc text,
        previous_secret_expires_at timestamptz,
        failing_since timestamptz,
        disabled_reason varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX idx_webhook_subscriptions_organization ON webhook_subscriptions (organization_id, created_at, id);

      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
        event_type varchar(64) NOT NULL,
        event_position bigint NOT NULL,
        subject_id uuid NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'PENDING',
        ready boolean NOT NULL DEFAULT false,
        attempts int NOT NULL DEFAULT 0,
        last_status_code int,
        last_error varchar(500),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        retry_started_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_webhook_deliveries_event_subscription UNIQUE (event_id, subscription_id)
      );
      CREATE INDEX idx_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, event_position DESC, id);
      CREATE INDEX idx_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING' AND ready;
      CREATE INDEX idx_webhook_deliveries_subject ON webhook_deliveries (subscription_id, subject_id, event_position) WHERE status = 'PENDING';
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE webhook_deliveries;
      DROP TABLE webhook_subscriptions;
      DROP TABLE events;
    `);
  }
}
