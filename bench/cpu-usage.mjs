// Preloaded (`node --import ./bench/cpu-usage.mjs …`) into a process the bench times: at exit it
// writes the CPU time of the whole process, every thread included, as the last line of stderr.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  writeSync(2, `\ncpu-ms ${(userCPUTime + systemCPUTime) / 1000}\n`);
});
