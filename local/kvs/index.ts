/** The local Forge hosted storage: see README.md for the protocol, limits and error codes. */
export { LocalKvs, type LocalKvsOptions } from './local-kvs';
export { KVS_LIMITS } from './limits';
export { loadEntityDefinitions, entityDefinitionsFromManifest, type EntityDefinition, type EntityIndex, type AttributeType } from './entities';
export { CONDITION_FAILED_CODE, KEY_EXISTS_CODE, type KvsReply, type KvsErrorBody } from './errors';
