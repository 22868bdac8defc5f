import assert from 'node:assert/strict';
import { PhaseClock } from '../../src/results/run-phase.js';
import { formatRunPhases } from '../../src/report/format/format-run-phases.js';

describe('PhaseClock', () => {
  it('records ended phases in order of start, each once, also when the timed work rejects', async () => {
    const clock = new PhaseClock();
    const endFirst = clock.begin('first');
    await assert.rejects(clock.time('failing', () => Promise.reject(new Error('boom'))));
    const value = await clock.time('second', () => Promise.resolve(42));
    endFirst();
    endFirst();
    clock.begin('never ended');
    assert.equal(value, 42);
    const phases = clock.phases;
    assert.deepEqual(phases.map((p) => p.name), ['first', 'failing', 'second']);
    for (const p of phases) assert.ok(p.ms >= 0 && p.startMs >= 0);
    assert.ok(phases[0]!.ms >= phases[2]!.ms, 'the first phase spans the others');
  });

  it('times a shared phase from its first enter to its last leave, and again after all have left', async () => {
    const clock = new PhaseClock();
    const lanes = clock.shared('device suite: x (2 adapters)');
    lanes.enter();
    lanes.enter();
    lanes.leave();
    assert.equal(clock.phases.length, 0, 'one lane still registers');
    await new Promise((resolve) => setTimeout(resolve, 5));
    lanes.leave();
    assert.deepEqual(clock.phases.map((p) => p.name), ['device suite: x (2 adapters)']);
    assert.ok((clock.phases[0]?.ms ?? 0) >= 4);
    lanes.enter();
    lanes.leave();
    assert.equal(clock.phases.length, 2);
  });

  it('formats phases as console lines, none without phases', () => {
    assert.deepEqual(formatRunPhases(undefined), []);
    assert.deepEqual(formatRunPhases([]), []);
    const lines = formatRunPhases([{ name: 'webhook suite', startMs: 1500, ms: 4250 }]);
    assert.match(lines[0] ?? '', /^phases/);
    assert.match(lines[1] ?? '', /webhook suite\s+4\.3 s\s+\(from 1\.5 s\)/);
  });
});
