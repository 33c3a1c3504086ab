import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { OrganizationType } from '@rwa/common';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar' })
  type: OrganizationType;

  @Column('varchar')
  name: string;

  @Column('char')
  jurisdiction: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
