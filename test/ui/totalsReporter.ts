import Mocha from 'mocha';

/** Mocha's spec reporter, closed by one "ui: N passed, N failed, N skipped" line that CI reads. */
class SpecWithTotals extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    // Registered after Spec's own 'end' listener, so the line comes after its summary.
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = this.stats;
      console.log(`ui: ${passes} passed, ${failures} failed, ${pending} skipped`);
    });
  }
}

export = SpecWithTotals;
