// usage: node profile.mjs trace.json  -> gas by source line at depth 2 (FundToken)
import fs from 'node:fs';
const dir = 'contracts/artifacts/build-info';
const art = JSON.parse(fs.readFileSync('contracts/artifacts/contracts/src/FundToken.sol/FundToken.json'));
const biId = art.buildInfoId;
const out = JSON.parse(fs.readFileSync(`${dir}/${biId}.output.json`)).output;
const inp = JSON.parse(fs.readFileSync(`${dir}/${biId}.json`));
const key = Object.keys(out.contracts).find(k => k.endsWith('contracts/src/FundToken.sol'));
const evm = out.contracts[key].FundToken.evm.deployedBytecode;
const code = Buffer.from(evm.object, 'hex');
const pcToIdx = new Map(); let idx = 0;
for (let pc = 0; pc < code.length; ) { pcToIdx.set(pc, idx++); const op = code[pc]; pc += (op >= 0x60 && op <= 0x7f) ? op - 0x5e : 1; }
const entries = []; let prev = [0,0,0,'-'];
for (const e of evm.sourceMap.split(';')) { const p = e.split(':'); const cur = [...prev]; for (let i = 0; i < 4; i++) if (p[i] !== undefined && p[i] !== '') cur[i] = i < 3 ? Number(p[i]) : p[i]; entries.push(cur); prev = cur; }
const idToFile = {}; for (const [name, s] of Object.entries(out.sources)) idToFile[s.id] = name;
const srcOf = (f) => { const n = idToFile[f]; const s = inp.input.sources[n]; return s ? [n, s.content] : [n, null]; };
const lineCache = {};
function lineOf(f, off) { const [n, c] = srcOf(f); if (!c) return `${n}:?`; lineCache[n] ??= c; const line = c.slice(0, off).split('\n').length; return `${n.split('/').pop()}:${line}: ${c.split('\n')[line-1].trim().slice(0,80)}`; }
const trace = JSON.parse(fs.readFileSync(process.argv[2]));
const N = Number(process.argv[3] ?? 1);
const agg = {};
for (const s of trace.structLogs) { if (s.depth !== 2) continue; if (['SSTORE','SLOAD','STATICCALL','LOG3','LOG4'].includes(s.op)) continue; const i = pcToIdx.get(s.pc); const e = entries[i]; const k = e && e[2] >= 0 ? lineOf(e[2], e[0]) : 'unknown'; agg[k] = (agg[k] ?? 0) + s.gasCost / N; }
for (const [k, v] of Object.entries(agg).sort((a,b)=>b[1]-a[1]).slice(0, 45)) console.log(v.toFixed(0).padStart(6), k);
