import { readFileSync } from 'node:fs';
import { parseOfacSdn } from '@rwa/kyt';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8');

describe('parseOfacSdn', () => {
  it('should read the EVM digital currency addresses of SDN.XML, checksummed and de-duplicated', () => {
    const result = parseOfacSdn(fixture('ofac-sdn-sample.xml'), 'OFAC-SDN');

    expect(result.entries.map((entry) => entry.address)).toEqual([
      '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
      '0xa0e1c89Ef1a489c9C7dE96311eD5Ce5D32c20E4B',
      '0x8589427373D6D84E98730D7795D8f6f8731FDA16',
      '0x7F367cC41522cE07553e823bf3be79A889DEbe1B',
    ]);
    expect(result.entries[0]).toEqual({ address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96', source: 'OFAC-SDN', reason: 'LAZARUS GROUP (ETH)' });
    expect(result.entries[3]!.reason).toBe('Ivan PETROV (ARB)');
    expect(result.skipped).toBe(2);
  });

  it('should read the same addresses from the remarks of sdn.csv', () => {
    const result = parseOfacSdn(fixture('ofac-sdn-sample.csv'), 'OFAC-SDN');

    expect(result.entries.map((entry) => [entry.address, entry.reason])).toEqual([
      ['0x098B716B8Aaf21512996dC57EB0615e2383E2f96', 'LAZARUS GROUP (ETH)'],
      ['0xa0e1c89Ef1a489c9C7dE96311eD5Ce5D32c20E4B', 'LAZARUS GROUP (ETH)'],
    ]);
    expect(result.skipped).toBe(1);
  });

  it('should find nothing in a file without digital currency addresses', () => {
    expect(parseOfacSdn('<sdnList><sdnEntry><lastName>X</lastName></sdnEntry></sdnList>', 'OFAC-SDN')).toEqual({ entries: [], skipped: 0 });
  });
});
