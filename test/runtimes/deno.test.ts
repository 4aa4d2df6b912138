import { describeRuntime } from './harness/suite.js';
import { startDeno } from './harness/processes.js';

describeRuntime({ name: 'Deno (Deno.serve)', start: startDeno });
