/**
 * The OpenAI API's wire format, whole: what the providers whose SDKs send it read (the `openai`
 * provider, for every backend it is pointed at; `groq`, `together` and `cerebras`, whose own SDKs
 * send it to their backends). One module, so that the build makes it one part loaded on first use
 * (./lazy-openai-api.ts), which the providers share.
 */
export { readTranscription, SPEECH, TRANSCRIPTION } from './audio.js';
export { backendAt, BACKENDS, CEREBRAS_BACKEND, GROQ_BACKEND, namedBackend, OPENAI_BACKEND, TOGETHER_BACKEND, type Backend } from './backends.js';
export { responsesCacheablePrefix } from './cache-prefix.js';
export { CHAT, COMPLETIONS, EMBEDDINGS } from './chat-completions.js';
export { COMPACT_CONTENT, IMAGES_CONTENT, RESPONSES_CONTENT, RETRIEVE_CONTENT } from './content.js';
export { OPENAI_ERROR_CODES, OUTPUT_TYPES, RESPONSE, SERVICE_TIERS } from './response-fields.js';
export { openaiFormatSdk, type OpenAIFormatSdk } from './stainless-sdk.js';
