import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerListTarget } from './knowledge';
import { TARGETS, durationText, latencyTargetText, shareText } from './targets';

describe('benchmark targets', () => {
  it('says a bound in seconds only when it is whole seconds', () => {
    expect(durationText(1000)).toBe('1 s');
    expect(durationText(60_000)).toBe('60 s');
    expect(durationText(250)).toBe('250 ms');
    expect(durationText(1500)).toBe('1500 ms');
  });

  it('says the issue’s bounds as the table shows them', () => {
    expect(latencyTargetText('p99', TARGETS.lookupP99Ms)).toBe('p99 < 20 ms');
    expect(latencyTargetText('p99', TARGETS.timerP99Ms)).toBe('p99 < 1 s');
    expect(latencyTargetText('p95', TARGETS.knowledgeP95Ms)).toBe('p95 < 20 ms');
    expect(shareText(TARGETS.intakeShareOfRaw)).toBe('≥ 50 %');
    expect(shareText(TARGETS.scaleOutShareOfOne)).toBe('≥ 100 %');
  });

  it('says a bound the project holds a figure to, which the issue sets none for, as not the issue’s, as the scenario table does', () => {
    const row = readFileSync(join(__dirname, '../../docs/performance.md'), 'utf8').split('\n').find((line) => line.startsWith('| knowledge | answer list |'));
    expect(answerListTarget()).toBe("p95 < 20 ms (the search's; not the issue's)");
    expect(row?.endsWith(`| ${answerListTarget()} |`)).toBe(true);
  });
});
