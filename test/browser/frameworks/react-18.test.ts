import { describeFrameworkApp } from '../helpers/framework-suite.js';

describeFrameworkApp('React 18 (openrouter-chat/react)', '/test/frameworks/react-18.app.tsx');
