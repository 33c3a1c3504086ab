// The e2e files share one platform and one chain. A file that moves the chain's clock far ahead
// (a month of income) runs last: a FORWARD stablecoin request is judged against the chain's clock
// at its cut-off (today's, on the real clock), so a chain a month ahead would refuse it.
import Sequencer from '@jest/test-sequencer';

const CLOCK_MOVERS = ['income-register-reconciliation.e2e-spec.ts'];
const movesClock = (test) => CLOCK_MOVERS.some((name) => test.path.endsWith(name));

export default class E2eSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted.filter((test) => !movesClock(test)), ...sorted.filter(movesClock)];
  }
}
