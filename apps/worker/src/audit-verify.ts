import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditAnchorContractEntity, AuditAnchorReader, AuditEventEntity, AuditSealer, AuditVerificationService } from '@rwa/audit';
import { createChainClients } from '@rwa/chain';
import { loadConfig } from '@rwa/config';
import { dataSourceOptions } from '@rwa/database';

/**
 * `npm run audit:verify`: seals what is committed, reads the heads anchored on chain, walks the
 * audit trail of DATABASE_URL against AUDIT_SEAL_KEY and those heads, prints the verification as
 * JSON and exits 1 when something is broken (so it can run from cron or CI). The heads are read
 * without the chain being required: when it does not answer, `anchor.status` is UNAVAILABLE.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await new DataSource({ ...dataSourceOptions(config.database.url), entities: [AuditEventEntity, AuditAnchorContractEntity] }).initialize();
  try {
    const reader = new AuditAnchorReader(dataSource, createChainClients(config), config);
    const verification = await new AuditVerificationService(dataSource, new AuditSealer(dataSource, config), reader, config).verify();
    console.log(JSON.stringify(verification, null, 2));
    if (!verification.valid) process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
