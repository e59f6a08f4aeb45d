// Prints vitest's JSON report as one plain closing line, 'N passed, N failed, N skipped',
// which CI reads to know how many tests ran.
import { readFileSync } from 'node:fs';

const [reportPath] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch (error) {
  console.error(`no test report at ${reportPath}: ${error.message}`);
  process.exit(1);
}
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
