// Benchmark support: preloaded into the host (NODE_OPTIONS=--import …, since Node refuses --cpu-prof there) to
// record a V8 CPU profile of the whole run through node:inspector; written to $AGENTDESK_CPU_PROFILE_DIR when the
// process exits. Plain Node. Used by tests/bench/callPathBench.ts with BENCH_PROFILE=<dir>.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.AGENTDESK_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  // The main thread's session answers synchronously, so the profile can be written while exiting.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `host-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
