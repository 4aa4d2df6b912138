import { BUNDLE, IIFE, addScript, describeScriptTag } from '../helpers/script-tag-suite.js';

describeScriptTag(
  'a <script type="module"> of the single-file bundle',
  () => addScript(BUNDLE, { module: true }),
  () => addScript(IIFE),
);
