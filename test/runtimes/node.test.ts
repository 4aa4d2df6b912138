import { describeRuntime } from './harness/suite.js';
import { startNode } from './harness/processes.js';

describeRuntime({ name: 'Node (node:http + createNodeHandler)', start: startNode });
