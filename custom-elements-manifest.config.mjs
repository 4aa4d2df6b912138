/**
 * `npm run analyze` writes custom-elements.json from the element's JSDoc. Only the public
 * modules are read, so an internal refactor never makes the committed manifest stale.
 * `packagejson: false`: package.json already names the manifest, and the analyzer would
 * otherwise rewrite that field to whatever `--outdir` the staleness test passes.
 */
export default {
  globs: ['src/index.ts', 'src/element/openrouter-chat.ts', 'src/events.ts', 'src/types.ts', 'src/stream/chat-stream-error.ts'],
  litelement: true,
  packagejson: false,
  plugins: [stateHasNoAttribute()],
};

/**
 * Lit's `{ state: true }` properties have no attribute, but the analyzer's Lit support reads
 * `static properties` without that flag and lists them as attributes. Such a property is
 * private in TypeScript, and a private field can never be a public attribute, so drop those.
 */
function stateHasNoAttribute() {
  return {
    name: 'state-has-no-attribute',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
        const privateFields = new Set();
        for (const member of declaration.members ?? []) {
          if (member.kind !== 'field' || member.privacy !== 'private') continue;
          privateFields.add(member.name);
          delete member.attribute;
        }
        if (declaration.attributes) {
          declaration.attributes = declaration.attributes.filter((attribute) => !privateFields.has(attribute.fieldName));
        }
      }
    },
  };
}
