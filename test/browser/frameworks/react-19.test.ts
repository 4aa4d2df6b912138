import { describeFrameworkApp } from '../helpers/framework-suite.js';

describeFrameworkApp('React 19 (native custom elements)', '/test/frameworks/react-19.app.tsx');
