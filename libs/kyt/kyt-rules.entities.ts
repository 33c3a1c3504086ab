import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A fund's own KYT thresholds (see FundRules); amounts are numeric in the fund currency. */
@Entity('kyt_fund_rules')
export class KytFundRulesEntity {
  @PrimaryColumn({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'travel_rule_threshold', type: 'numeric' })
  travelRuleThreshold: string;

  @Column({ name: 'velocity_max_orders', type: 'int' })
  velocityMaxOrders: number;

  @Column({ name: 'velocity_window_minutes', type: 'int' })
  velocityWindowMinutes: number;

  @Column({ name: 'structuring_min_orders', type: 'int' })
  structuringMinOrders: number;

  @Column({ name: 'structuring_band_percent', type: 'int' })
  structuringBandPercent: number;

  @Column({ name: 'fresh_wallet_hours', type: 'int' })
  freshWalletHours: number;

  @Column({ name: 'fresh_wallet_large_amount', type: 'numeric' })
  freshWalletLargeAmount: string;

  @Column({ name: 'updated_by', type: 'varchar' })
  updatedBy: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** KYT's own record of every order it screened: the history that velocity and structuring read. */
@Entity('kyt_order_screenings')
export class KytOrderScreeningEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @Column({ name: 'investor_id', type: 'uuid' })
  investorId: string;

  /** Minor units of the fund currency as numeric text; 0 for redemptions. */
  @Column({ type: 'numeric' })
  amount: string;

  @Column({ type: 'int' })
  score: number;

  @Column({ type: 'varchar' })
  level: string;

  @Column({ name: 'screened_at', type: 'timestamptz' })
  screenedAt: Date;
}
