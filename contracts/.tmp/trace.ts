import { fileURLToPath } from 'node:url';
import { keccak256, toHex, stringToHex } from 'viem';
process.env.HARDHAT_CONFIG ??= '/work/main/contracts/hardhat.config.ts';
const { default: hre } = await import('hardhat');
const conn = await hre.network.create();
const { viem } = conn;
const publicClient = await viem.getPublicClient();
const [admin, alice] = await viem.getWalletClients();
const j = (c: string) => (c.charCodeAt(0) << 8) | c.charCodeAt(1);
const registry = await viem.deployContract('IdentityRegistry', [admin.account.address]);
const impl = await viem.deployContract('FundToken', []);
const factory = await viem.deployContract('FundFactory', [impl.address, registry.address, admin.account.address]);
const fundId = keccak256(stringToHex('f'));
await factory.write.createFund([fundId, { name: 'n', symbol: 's', decimals: 18, admin: admin.account.address, agent: admin.account.address, eligibleJurisdictions: ['HK','SG'].map(j), eligibleClassMask: 12, maxHolders: 100, maxBalancePerHolder: 10n**30n, lockupSeconds: 1000 }]);
const token = await viem.getContractAt('FundToken', await factory.read.fundOf([fundId]));
const exp = BigInt(Math.floor(Date.now()/1000) + 1e7);
await registry.write.registerIdentity([alice.account.address, keccak256('0x01'), j('HK'), 2, exp]);
await registry.write.registerIdentity([admin.account.address, keccak256('0x02'), j('HK'), 2, exp]);
await token.write.mint([admin.account.address, 1n, 1n, keccak256('0x03')]);
const hash = await token.write.mint([alice.account.address, 10n**18n, 2n, keccak256('0x04')]);
const r = await publicClient.waitForTransactionReceipt({ hash });
console.log('gasUsed', r.gasUsed);
const trace: any = await conn.provider.request({ method: 'debug_traceTransaction', params: [hash, { disableStorage: true, disableMemory: true, disableStack: true }] });
const by: Record<string, number> = {};
let total = 0;
for (const s of trace.structLogs) { by[s.op] = (by[s.op] ?? 0) + s.gasCost; total += s.gasCost; }
const sorted = Object.entries(by).sort((a, b) => b[1] - a[1]);
const depth: Record<string, number> = {};
for (const s of trace.structLogs) { const k = s.depth + ':' + (['SLOAD','SSTORE','LOG3','LOG4','CALL','DELEGATECALL','STATICCALL'].includes(s.op) ? s.op : 'other'); depth[k] = (depth[k] ?? 0) + s.gasCost; }
console.log(depth);
(await import('node:fs')).writeFileSync('/tmp/trace1.json', JSON.stringify(trace));
const d2: Record<string, number> = {}; let steps2 = 0;
for (const s of trace.structLogs) if (s.depth === 2) { d2[s.op] = (d2[s.op] ?? 0) + s.gasCost; steps2++; }
console.log('depth2 steps', steps2, Object.entries(d2).sort((a,b)=>b[1]-a[1]).slice(0,30));

// top other-op gas by pc at depth 2 grouped in windows

console.log('exec total (approx, calls double-counted)', total, 'steps', trace.structLogs.length);
console.log(sorted.slice(0, 25));
await conn.close();
