import { describeRuntime } from './harness/suite.js';
import { startBun } from './harness/processes.js';

describeRuntime({ name: 'Bun (Bun.serve)', start: startBun });
