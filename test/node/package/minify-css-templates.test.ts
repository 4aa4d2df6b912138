/**
 * The build's minifier for Lit `css` templates (`scripts/minify-css-templates.ts`): the
 * template plumbing (escapes, interpolations, the code around), and, in Chromium, that each
 * of the element's stylesheets means exactly the same to the browser once minified.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { css } from 'lit';
import { minifyCssTemplates, minifyStylesheet } from '../../../scripts/minify-css-templates.js';
import { markdownStyles } from '../../../src/markdown/markdown.styles.js';
import { styles as elementStyles } from '../../../src/element/openrouter-chat.styles.js';
import { launchChromium, type Browser, type Page } from '../helpers/chromium.js';

describe('minifyCssTemplates', () => {
  it('minifies the stylesheet of a css template and leaves the code around it as it was', async () => {
    const source = "import { css } from 'lit';\n\nexport const a = css`\n  /* why */\n  .a {\n    color: red;\n  }\n`;\nexport const b = 1;\n";
    assert.equal(await minifyCssTemplates(source), "import { css } from 'lit';\n\nexport const a = css`.a{color:red}`;\nexport const b = 1;\n");
  });

  it('reads escapes as the browser would and writes them back: backticks, backslashes, dollar signs', async () => {
    // The CSS escape \201C (a quotation mark), written \\201C in the template, and \$.
    const source = "css`\n  /* \\`:where()\\` */\n  .q::before {\n    content: '\\\\201C \\$';\n  }\n`";
    // esbuild writes the same escape as \201c (the space after it only ended it).
    assert.equal(await minifyCssTemplates(source), "css`.q:before{content:\"\\\\201c$\"}`");
  });

  it('leaves a template with an interpolation alone', async () => {
    const source = 'css`\n  .a { color: ${color}; }\n`';
    assert.equal(await minifyCssTemplates(source), source);
  });

  it('refuses an escape it cannot read as the browser would', async () => {
    await assert.rejects(minifyCssTemplates('css`.a::before { content: "\\n"; }`'), /unsupported escape \\n/);
  });
});

describe("the element's stylesheets, minified", { timeout: 30_000 }, () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  after(async () => {
    await browser.close();
  });

  /**
   * The rules Chromium parses out of `css`, as it writes them back. A value with `var()` in
   * it, or a custom property's, stays as written until used, so there a minifier's `.5` for
   * `0.5`, `"` for `'` and `a,b` for `a, b` still show: those spellings, never meaningful in
   * CSS, are made the same.
   */
  const parsedRules = async (css: string): Promise<string[]> => {
    const rules = await page.evaluate((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return [...sheet.cssRules].map((rule) => rule.cssText);
    }, css);
    return rules.map((rule) => rule.replace(/(^|[^\d.])0\.(\d)/g, '$1.$2').replaceAll("'", '"').replace(/\s*,\s*/g, ','));
  };

  for (const [name, sheet] of [['markdown.styles.ts', markdownStyles({ css })], ['openrouter-chat.styles.ts', elementStyles]] as const) {
    it(`${name}: the same rules for Chromium, in fewer bytes`, async () => {
      const minified = await minifyStylesheet(sheet.cssText);
      const rules = await parsedRules(sheet.cssText);
      assert.ok(rules.length > 10, `${rules.length} rules parsed`);
      assert.deepEqual(await parsedRules(minified), rules);
      assert.ok(minified.length < sheet.cssText.length * 0.8, `${minified.length} of ${sheet.cssText.length} characters`);
    });
  }
});
