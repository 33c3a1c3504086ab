import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditEventEntity, AuditSealer, verifyAuditChain } from '@rwa/audit';
import { loadConfig } from '@rwa/config';
import { dataSourceOptions } from '@rwa/database';

/**
 * `npm run audit:verify`: seals what is committed, walks the audit trail of DATABASE_URL, prints the
 * verification as JSON and exits 1 when a row is broken (so it can run from cron or CI).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await new DataSource({ ...dataSourceOptions(config.database.url), entities: [AuditEventEntity] }).initialize();
  try {
    await new AuditSealer(dataSource).sealAll();
    const verification = await verifyAuditChain(dataSource);
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
