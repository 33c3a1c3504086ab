import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DeliveryStatus } from '../dtos/webhook.dto.js';

/** An endpoint of an organisation, the event types it takes and its signing secrets (encrypted). */
@Entity('webhook_subscriptions')
export class WebhookSubscriptionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  /** The role of the key that made it: a COMPLIANCE endpoint takes the KYT events. */
  @Column({ type: 'varchar' }) role: string;
  @Column({ type: 'varchar' }) url: string;
  @Column({ type: 'varchar', array: true }) events: string[];
  @Column({ type: 'varchar', nullable: true }) description: string | null;
  @Column({ type: 'boolean' }) enabled: boolean;
  @Column({ name: 'secret_enc', type: 'text' }) secretEnc: string;
  @Column({ name: 'previous_secret_enc', type: 'text', nullable: true }) previousSecretEnc: string | null;
  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true }) previousSecretExpiresAt: Date | null;
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true }) failingSince: Date | null;
  @Column({ name: 'disabled_reason', type: 'varchar', nullable: true }) disabledReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One event to one subscription: PENDING until a 2xx (DELIVERED) or the retry window ends (FAILED). */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'event_id', type: 'uuid' }) eventId: string;
  @Column({ name: 'subscription_id', type: 'uuid' }) subscriptionId: string;
  @Column({ name: 'event_type', type: 'varchar' }) eventType: string;
  @Column({ name: 'event_position', type: 'bigint' }) eventPosition: string;
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Column({ type: 'varchar' }) status: DeliveryStatus;
  /** Heads its subject's line to its endpoint: no earlier delivery of the subject there is PENDING. */
  @Column({ type: 'boolean' }) ready: boolean;
  @Column({ type: 'int' }) attempts: number;
  @Column({ name: 'last_status_code', type: 'int', nullable: true }) lastStatusCode: number | null;
  @Column({ name: 'last_error', type: 'varchar', nullable: true }) lastError: string | null;
  @Column({ name: 'next_attempt_at', type: 'timestamptz' }) nextAttemptAt: Date;
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true }) leaseUntil: Date | null;
  @Column({ name: 'retry_started_at', type: 'timestamptz' }) retryStartedAt: Date;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
