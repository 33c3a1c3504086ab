// Resolves the `@rwa/<lib>` path aliases of the compiled code (tsc keeps them as written)
// to dist/libs/<lib>/index.js. Loaded with `node --import ./scripts/register-aliases.mjs`.
import { registerHooks } from 'node:module';

const libsRoot = new URL('../dist/libs/', import.meta.url);

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('@rwa/')) {
      const lib = specifier.slice('@rwa/'.length);
      return nextResolve(new URL(`${lib}/index.js`, libsRoot).href, context);
    }
    return nextResolve(specifier, context);
  },
});
