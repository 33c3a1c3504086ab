import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a request with an Idempotency-Key, replayed for the same key and body. */
@Entity('idempotency_records')
export class IdempotencyRecordEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn('varchar')
  key: string;

  @Column({ name: 'request_hash', type: 'char' })
  requestHash: string;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ name: 'response_body', type: 'json', nullable: true })
  responseBody: unknown;

  /** The answer carried a secret: only this marker is kept, and a replay answers 409. */
  @Column({ name: 'answer_withheld', type: 'boolean', default: false })
  answerWithheld: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
