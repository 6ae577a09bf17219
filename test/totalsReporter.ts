import Mocha from 'mocha';
import { recordTotals } from './totals';

/**
 * Mocha's spec reporter, closed by one "<label>: N passed, N failed, N skipped"
 * line that CI reads; the label comes from `--reporter-option label=<name>`.
 */
class SpecWithTotals extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const label = String((options?.reporterOptions as { label?: string } | undefined)?.label ?? 'tests');
    // Registered after Spec's own 'end' listener, so the line comes after its summary.
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = this.stats;
      recordTotals(label, { passed: passes, failed: failures, skipped: pending });
      console.log(`${label}: ${passes} passed, ${failures} failed, ${pending} skipped`);
    });
  }
}

export = SpecWithTotals;
