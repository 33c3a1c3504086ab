import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where the platform's own contracts live on one chain, and which chain instance that was. */
@Entity('chain_deployments')
export class ChainDeploymentEntity {
  @PrimaryColumn({ name: 'chain_id', type: 'int' })
  chainId: number;

  /** Identifies the chain instance: a reset local chain has another genesis block. */
  @Column({ name: 'genesis_hash', type: 'char' })
  genesisHash: `0x${string}`;

  @Column({ name: 'identity_registry', type: 'char' })
  identityRegistry: `0x${string}`;

  @Column({ name: 'fund_token_implementation', type: 'char' })
  fundTokenImplementation: `0x${string}`;

  @Column({ name: 'fund_factory', type: 'char' })
  fundFactory: `0x${string}`;

  @Column({ name: 'deployed_at', type: 'timestamptz' })
  deployedAt: Date;
}
