import { BUNDLE, IIFE, addScript, describeScriptTag } from '../helpers/script-tag-suite.js';

describeScriptTag(
  'a classic <script src> of the IIFE',
  () => addScript(IIFE),
  () => addScript(BUNDLE, { module: true }),
);
