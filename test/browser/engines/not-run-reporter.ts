/**
 * A vitest reporter that ends every run with the browser cases an engine could not run, each
 * with its reason (engine-cases.ts), so that no engine's gap goes unread in a green run.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class NotRunReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const notRun = testModules.flatMap((module) =>
      [...module.children.allTests('skipped')].filter((test) => test.name.includes('[not in ')).map((test) => `  - ${module.relativeModuleId} > ${test.name}`),
    );
    if (notRun.length === 0) return;
    process.stdout.write(`\nBrowser cases not run in an engine (${notRun.length}), with why:\n${notRun.join('\n')}\n\n`);
  }
}
