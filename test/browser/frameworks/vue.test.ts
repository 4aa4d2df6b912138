import { describeFrameworkApp } from '../helpers/framework-suite.js';

describeFrameworkApp('Vue 3', '/test/frameworks/vue.app.ts');
