'use strict';
/*
 * Jest's stand-in for @apidevtools/json-schema-ref-parser.
 *
 * openapi-backend requires that parser, which ships as ES modules only. Node 20.19+ loads it with
 * a plain require() (tsx, node, the local site), but Jest's module sandbox cannot ("Must use
 * import to load ES Module"). In quick mode with an in-memory definition, openapi-backend only
 * asks the parser to hand back the object it was given, so that is all this does; anything more
 * fails loudly instead of validating against a half-loaded spec.
 */
const refuse = async () => {
  throw new Error('the JSON schema ref parser is not loaded under Jest; use openapi-backend with quick: true');
};
module.exports = { __esModule: true, default: { parse: async (document) => document, dereference: refuse, resolve: refuse } };
