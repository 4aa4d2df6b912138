/**
 * The script tag from a bare package URL, as jsDelivr's short link serves it
 * (`https://cdn.jsdelivr.net/npm/openrouter-chat`: the IIFE, at a URL that names no file). Its
 * rooms must come from the package's `dist/`, not from beside that URL (`/npm/`), or every
 * answer stays plain text and no room loads (`servePackageUrls` in web-test-runner.config.mjs).
 */
import { BUNDLE, addScript, describeScriptTag } from '../helpers/script-tag-suite.js';

describeScriptTag(
  'a classic <script src> of the bare package URL',
  () => addScript('/npm/openrouter-chat'),
  () => addScript(BUNDLE, { module: true }),
);
