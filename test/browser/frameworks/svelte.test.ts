import { describeFrameworkApp } from '../helpers/framework-suite.js';

describeFrameworkApp('Svelte 5', '/test/frameworks/svelte.app.ts');
