/**
 * Every span attribute name this package writes or reads, and nothing else: no other module
 * spells an attribute name. `semconv/registry_v1.json` is the contract these constants are
 * checked against (test/semconv.test.ts), so adding a name here means registering it there.
 *
 * `gen_ai.*`, `server.*` and `error.*` are the OpenTelemetry GenAI semantic conventions
 * (stability: development); `openai.*` and `anthropic.*` are their provider-specific names;
 * `llm_observer.*` are this package's own.
 */

export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
/** The agent an `invoke_agent` call runs, as the request names it (the Gemini Interactions API's `agent`). */
export const ATTR_GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
export const ATTR_GEN_AI_AGENT_ID = 'gen_ai.agent.id';
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens';
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = 'gen_ai.request.temperature';
export const ATTR_GEN_AI_REQUEST_TOP_P = 'gen_ai.request.top_p';
export const ATTR_GEN_AI_REQUEST_TOP_K = 'gen_ai.request.top_k';
export const ATTR_GEN_AI_REQUEST_STOP_SEQUENCES = 'gen_ai.request.stop_sequences';
export const ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY = 'gen_ai.request.frequency_penalty';
export const ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY = 'gen_ai.request.presence_penalty';
export const ATTR_GEN_AI_REQUEST_SEED = 'gen_ai.request.seed';
export const ATTR_GEN_AI_REQUEST_CHOICE_COUNT = 'gen_ai.request.choice.count';
export const ATTR_GEN_AI_REQUEST_STREAM = 'gen_ai.request.stream';
export const ATTR_GEN_AI_REQUEST_ENCODING_FORMATS = 'gen_ai.request.encoding_formats';
export const ATTR_GEN_AI_OUTPUT_TYPE = 'gen_ai.output.type';
export const ATTR_GEN_AI_CONVERSATION_ID = 'gen_ai.conversation.id';
export const ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT = 'gen_ai.embeddings.dimension.count';

export const ATTR_GEN_AI_RESPONSE_ID = 'gen_ai.response.id';
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons';
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = 'gen_ai.response.time_to_first_chunk';

/**
 * A call's content, JSON in the conventions' forms, written only when the application opts in
 * (src/privacy/content.ts): on the span, or on the event below, or both.
 */
export const ATTR_GEN_AI_INPUT_MESSAGES = 'gen_ai.input.messages';
export const ATTR_GEN_AI_OUTPUT_MESSAGES = 'gen_ai.output.messages';
export const ATTR_GEN_AI_SYSTEM_INSTRUCTIONS = 'gen_ai.system_instructions';
export const ATTR_GEN_AI_TOOL_DEFINITIONS = 'gen_ai.tool.definitions';
/** The event that carries a call's content attributes when they are to go out as an event. */
export const EVENT_GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS = 'gen_ai.client.inference.operation.details';

export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS = 'gen_ai.usage.cache_creation.input_tokens';
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = 'gen_ai.usage.reasoning.output_tokens';
/** The conventions' newer name for `gen_ai.usage.cache_creation.input_tokens`, as `@anthropic-ai/sdk` writes it. */
export const ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS = 'gen_ai.usage.cache_write.input_tokens';

export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';
export const ATTR_ERROR_TYPE = 'error.type';

export const ATTR_OPENAI_REQUEST_SERVICE_TIER = 'openai.request.service_tier';
export const ATTR_OPENAI_RESPONSE_SERVICE_TIER = 'openai.response.service_tier';
export const ATTR_OPENAI_RESPONSE_SYSTEM_FINGERPRINT = 'openai.response.system_fingerprint';
/**
 * The version of OpenAI's web search tool a Responses API request offers, one of
 * {@link OpenAIWebSearchTool}: the two are billed differently (the older `web_search_preview`, on a
 * model without reasoning, at another rate per call, with the pages it reads not billed as input).
 */
export const ATTR_OPENAI_REQUEST_WEB_SEARCH_TOOL = 'openai.request.web_search_tool';
/** The audio tokens among the input tokens (`usage.prompt_tokens_details.audio_tokens`), billed at the model's audio rate. */
export const ATTR_OPENAI_USAGE_PROMPT_TOKENS_DETAILS_AUDIO_TOKENS = 'openai.usage.prompt_tokens_details.audio_tokens';
/** The audio tokens among the output tokens (`usage.completion_tokens_details.audio_tokens`), billed at the model's audio rate. */
export const ATTR_OPENAI_USAGE_COMPLETION_TOKENS_DETAILS_AUDIO_TOKENS = 'openai.usage.completion_tokens_details.audio_tokens';
/**
 * The audio and the image tokens of a Realtime API response's input read from the cache
 * (`usage.input_token_details.cached_tokens_details`), counted in the input's audio and image
 * tokens and in the cache reads too, and billed at the model's cached audio and image rates.
 */
export const ATTR_OPENAI_USAGE_CACHED_AUDIO_TOKENS = 'openai.usage.input_token_details.cached_tokens_details.audio_tokens';
export const ATTR_OPENAI_USAGE_CACHED_IMAGE_TOKENS = 'openai.usage.input_token_details.cached_tokens_details.image_tokens';
/**
 * The image tokens among the input tokens of an image generation or edit
 * (`usage.input_tokens_details.image_tokens`), billed at the model's image input rate.
 */
export const ATTR_OPENAI_USAGE_INPUT_TOKENS_DETAILS_IMAGE_TOKENS = 'openai.usage.input_tokens_details.image_tokens';
/**
 * The image tokens among the output tokens of an image generation or edit
 * (`usage.output_tokens_details.image_tokens`; every output token where the usage does not split
 * the output, as the API reference says the output is the image's tokens), billed at the model's
 * image output rate.
 */
export const ATTR_OPENAI_USAGE_OUTPUT_TOKENS_DETAILS_IMAGE_TOKENS = 'openai.usage.output_tokens_details.image_tokens';
/**
 * The duration in seconds of the audio a transcription or translation billed by its duration
 * transcribed (`usage.seconds`, the usage of `type` `duration`: whisper-1, gpt-transcribe), priced at
 * the model's price per minute of audio.
 */
export const ATTR_OPENAI_USAGE_SECONDS = 'openai.usage.seconds';
/** The quality an image generation or edit asks for (`quality`): what its output tokens, and so its cost, most depend on. */
export const ATTR_OPENAI_REQUEST_IMAGE_QUALITY = 'openai.request.image.quality';
/** The cache-write tokens written with 30-minute retention (Responses API: `usage.input_tokens_details.cache_write_tokens_details.ttl_30m_tokens`). */
export const ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_30M_TOKENS = 'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_30m_tokens';
/** The cache-write tokens written with 12-hour retention (`…cache_write_tokens_details.ttl_12h_tokens`), billed at the model's 12-hour write price. */
export const ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_12H_TOKENS = 'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_12h_tokens';

export const ATTR_ANTHROPIC_RESPONSE_SERVICE_TIER = 'anthropic.response.service_tier';
/** Fast mode (`fast`) or not (`standard`): as the request asks it, and as `usage.speed` says the call ran. */
export const ATTR_ANTHROPIC_REQUEST_SPEED = 'anthropic.request.speed';
export const ATTR_ANTHROPIC_RESPONSE_SPEED = 'anthropic.response.speed';
/** Where inference ran (`global`, `us`): as the request asks it, and as `usage.inference_geo` says it ran. */
export const ATTR_ANTHROPIC_REQUEST_INFERENCE_GEO = 'anthropic.request.inference_geo';
export const ATTR_ANTHROPIC_RESPONSE_INFERENCE_GEO = 'anthropic.response.inference_geo';
/** The part of the cache-write tokens written to the 5-minute cache. */
export const ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_5M_INPUT_TOKENS = 'anthropic.usage.cache_creation.ephemeral_5m_input_tokens';
/** The part of the cache-write tokens written to the 1-hour cache. */
export const ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_1H_INPUT_TOKENS = 'anthropic.usage.cache_creation.ephemeral_1h_input_tokens';
export const ATTR_ANTHROPIC_REQUEST_THINKING_BUDGET_TOKENS = 'anthropic.request.thinking.budget_tokens';
/** The prompt-cache breakpoints a request sets: how many, and the TTL of each in prefix order. */
export const ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_BREAKPOINTS = 'anthropic.request.cache_control.breakpoints';
export const ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_TTLS = 'anthropic.request.cache_control.ttls';

/** The service tier an Amazon Bedrock Converse request asks for (`serviceTier.type`): default, flex, priority or reserved. */
export const ATTR_AWS_BEDROCK_REQUEST_SERVICE_TIER = 'aws.bedrock.request.service_tier';
/** The service tier that served an Amazon Bedrock Converse call, as the response reports it (`serviceTier.type`): its prices' tier, `default` the list price. */
export const ATTR_AWS_BEDROCK_RESPONSE_SERVICE_TIER = 'aws.bedrock.response.service_tier';

/** The cache writes of an Amazon Bedrock Converse call kept 5 minutes and 1 hour (`usage.cacheDetails`), counted in `gen_ai.usage.cache_creation.input_tokens` too: the hour's are priced at the model's 1-hour write price. */
export const ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_5M_INPUT_TOKENS = 'aws.bedrock.usage.cache_write.ttl_5m_input_tokens';
export const ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_1H_INPUT_TOKENS = 'aws.bedrock.usage.cache_write.ttl_1h_input_tokens';

/** The explicit cache (`cachedContents/…`) a Gemini request reads, as the request names it. */
export const ATTR_GEMINI_REQUEST_CACHED_CONTENT = 'gemini.request.cached_content';
/** The service tier a Gemini API request asks for (`config.serviceTier`, the Interactions API's `service_tier`). */
export const ATTR_GEMINI_REQUEST_SERVICE_TIER = 'gemini.request.service_tier';
/** The service tier that served a Gemini call, as the response reports it (`usageMetadata.serviceTier`, an interaction's `service_tier`, Vertex AI's `usageMetadata.trafficType` read as a tier): its prices' tier. */
export const ATTR_GEMINI_RESPONSE_SERVICE_TIER = 'gemini.response.service_tier';
/** The prompt tokens of the results of tools the API ran (`toolUsePromptTokenCount`), counted in `gen_ai.usage.input_tokens` too. */
export const ATTR_GEMINI_USAGE_TOOL_USE_PROMPT_TOKENS = 'gemini.usage.tool_use_prompt_tokens';
/** The audio tokens of the prompt (the `AUDIO` count of `promptTokensDetails`), counted in `gen_ai.usage.input_tokens` too and billed at the model's audio rate. */
export const ATTR_GEMINI_USAGE_PROMPT_AUDIO_TOKENS = 'gemini.usage.prompt_audio_tokens';
/** The image and video tokens of a Live API turn's prompt (the `IMAGE` and `VIDEO` counts of `promptTokensDetails`), counted in `gen_ai.usage.input_tokens` too and billed at the Live model's image rate. */
export const ATTR_GEMINI_USAGE_PROMPT_IMAGE_TOKENS = 'gemini.usage.prompt_image_tokens';
/** The audio tokens of the prompt read from a cache (the `AUDIO` count of `cacheTokensDetails`), counted in `gen_ai.usage.cache_read.input_tokens` too. */
export const ATTR_GEMINI_USAGE_CACHED_AUDIO_TOKENS = 'gemini.usage.cached_audio_tokens';
/** The image tokens of the candidates (the `IMAGE` count of `candidatesTokensDetails`), counted in `gen_ai.usage.output_tokens` too and billed at the model's image rate. */
export const ATTR_GEMINI_USAGE_CANDIDATES_IMAGE_TOKENS = 'gemini.usage.candidates_image_tokens';
/** The audio tokens of the candidates (the `AUDIO` count of `candidatesTokensDetails`: speech), counted in `gen_ai.usage.output_tokens` too and billed at the model's audio rate. */
export const ATTR_GEMINI_USAGE_CANDIDATES_AUDIO_TOKENS = 'gemini.usage.candidates_audio_tokens';
/** The explicit cache a `caches.create` / `update` / `delete` call is about (`cachedContents/…`). */
export const ATTR_GEMINI_CACHE_NAME = 'gemini.cache.name';

/**
 * OpenLLMetry's (Traceloop's) legacy usage names, written by its instrumentations before they
 * took up the conventions' names. Read by the cost processor, never written.
 */
export const ATTR_GEN_AI_USAGE_PROMPT_TOKENS = 'gen_ai.usage.prompt_tokens';
export const ATTR_GEN_AI_USAGE_COMPLETION_TOKENS = 'gen_ai.usage.completion_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_LEGACY = 'gen_ai.usage.cache_read_input_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_LEGACY = 'gen_ai.usage.cache_creation_input_tokens';

/**
 * The conventions' old name of the provider, read by the cost processor, never written: the
 * Vercel AI SDK's legacy spans write the AI SDK's own provider names in it (`openai.chat`,
 * `anthropic.messages`).
 */
export const ATTR_GEN_AI_SYSTEM = 'gen_ai.system';

/**
 * The Vercel AI SDK's names (`ai` 7 with `@ai-sdk/otel`), read by the cost processor, never
 * written, and outside the registry, whose names are snake_case: which AI SDK operation a span is
 * (`ai.generateText.doGenerate` is one provider call), the cache reads and writes of a provider
 * call, and the provider's own metadata of the response as JSON (Anthropic's raw `usage`, with the
 * 5-minute / 1-hour split of the writes).
 */
export const AI_SDK_OPERATION_ID = 'ai.operationId';
export const AI_SDK_USAGE_CACHE_READ_TOKENS = 'ai.usage.inputTokenDetails.cacheReadTokens';
export const AI_SDK_USAGE_CACHE_WRITE_TOKENS = 'ai.usage.inputTokenDetails.cacheWriteTokens';
export const AI_SDK_RESPONSE_PROVIDER_METADATA = 'ai.response.providerMetadata';
/** The legacy integration's embedding calls (`ai.embed.doEmbed`, `ai.embedMany.doEmbed`): their tokens, model and provider, which they carry under no other name. */
export const AI_SDK_USAGE_TOKENS = 'ai.usage.tokens';
export const AI_SDK_MODEL_ID = 'ai.model.id';
export const AI_SDK_MODEL_PROVIDER = 'ai.model.provider';

/** OpenInference's names (Arize), read by the cost processor, never written. */
export const ATTR_LLM_TOKEN_COUNT_PROMPT = 'llm.token_count.prompt';
export const ATTR_LLM_TOKEN_COUNT_COMPLETION = 'llm.token_count.completion';
export const ATTR_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ = 'llm.token_count.prompt_details.cache_read';
export const ATTR_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE = 'llm.token_count.prompt_details.cache_write';
export const ATTR_LLM_TOKEN_COUNT_PROMPT_DETAILS_AUDIO = 'llm.token_count.prompt_details.audio';
export const ATTR_LLM_TOKEN_COUNT_COMPLETION_DETAILS_AUDIO = 'llm.token_count.completion_details.audio';
export const ATTR_LLM_MODEL_NAME = 'llm.model_name';
export const ATTR_LLM_PROVIDER = 'llm.provider';
/**
 * OpenInference's kind of span (`LLM`, `EMBEDDING`, `CHAIN`, …), which its spans start with, read by
 * the sampler of setup/sampler.ts, never written, and outside the registry: no span of this
 * package carries it, and the cost processor does not read it.
 */
export const OPENINFERENCE_SPAN_KIND = 'openinference.span.kind';

/** How an API call ended, one of {@link CallOutcome}: the span status alone cannot tell a cancelled stream from a finished one. */
export const ATTR_LLM_OBSERVER_CALL_OUTCOME = 'llm_observer.call.outcome';
/**
 * How many API requests a call made and was billed for, where it made more than one: a long decode
 * that the SDK continues over several (the Gemini Interactions API), whose usage the span sums.
 */
export const ATTR_LLM_OBSERVER_CALL_REQUESTS = 'llm_observer.call.requests';
/**
 * How many times the provider ran a tool for the call that it bills by the use, besides the
 * tokens, by tool; each written only when there was one. Web searches: Anthropic's
 * `usage.server_tool_use.web_search_requests`, the `web_search_call` items of an OpenAI Responses
 * API response, the queries of Gemini's grounding with Google Search. File searches: the
 * `file_search_call` items of an OpenAI Responses API response. Maps groundings: Gemini's grounding
 * with Google Maps (a response citing Maps sources, an interaction's `google_maps` count).
 */
export const ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES = 'llm_observer.usage.web_searches';
export const ATTR_LLM_OBSERVER_USAGE_FILE_SEARCHES = 'llm_observer.usage.file_searches';
export const ATTR_LLM_OBSERVER_USAGE_MAPS_GROUNDINGS = 'llm_observer.usage.maps_groundings';
/**
 * The images OpenAI's `image_generation` tool made for a Responses API call (its
 * `image_generation_call` items), written when there was one: the tool bills the image model's
 * tokens, which the response's `usage` does not count, so the call's cost is not known from it.
 */
export const ATTR_LLM_OBSERVER_USAGE_IMAGE_GENERATIONS = 'llm_observer.usage.image_generations';

/**
 * The shape of a call's content, written in every capture mode (src/privacy/shape.ts): how many
 * messages of which roles, their sizes in characters (UTF-16 code units), images, tools and tool
 * calls; never a word of the text. `chars` lists hold one number per message, or per output.
 */
export const ATTR_LLM_OBSERVER_REQUEST_MESSAGES_COUNT = 'llm_observer.request.messages.count';
export const ATTR_LLM_OBSERVER_REQUEST_MESSAGES_ROLES = 'llm_observer.request.messages.roles';
export const ATTR_LLM_OBSERVER_REQUEST_MESSAGES_CHARS = 'llm_observer.request.messages.chars';
export const ATTR_LLM_OBSERVER_REQUEST_SYSTEM_CHARS = 'llm_observer.request.system.chars';
export const ATTR_LLM_OBSERVER_REQUEST_IMAGES_COUNT = 'llm_observer.request.images.count';
export const ATTR_LLM_OBSERVER_REQUEST_TOOLS_COUNT = 'llm_observer.request.tools.count';
export const ATTR_LLM_OBSERVER_REQUEST_TOOLS_NAMES = 'llm_observer.request.tools.names';
export const ATTR_LLM_OBSERVER_REQUEST_TOOL_CALLS_COUNT = 'llm_observer.request.tool_calls.count';
export const ATTR_LLM_OBSERVER_RESPONSE_OUTPUT_CHARS = 'llm_observer.response.output.chars';
export const ATTR_LLM_OBSERVER_RESPONSE_TOOL_CALLS_COUNT = 'llm_observer.response.tool_calls.count';
export const ATTR_LLM_OBSERVER_RESPONSE_TOOL_CALLS_NAMES = 'llm_observer.response.tool_calls.names';
/** How many stop sequences the request sets: the sequences themselves are the application's text. */
export const ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT = 'llm_observer.request.stop_sequences.count';

/**
 * Attributes of `@anthropic-ai/sdk`'s own spans (of the API calls this package does not trace) that
 * identify the account or the request: removed from those spans, never written
 * (src/instrumentation/anthropic/built-in-tracing.ts).
 */
export const ATTR_ANTHROPIC_ORGANIZATION_ID = 'anthropic.organization.id';
export const ATTR_ANTHROPIC_WORKSPACE_ID = 'anthropic.workspace.id';
export const ATTR_ANTHROPIC_REQUEST_ID = 'anthropic.request.id';
export const ATTR_URL_FULL = 'url.full';
export const ATTR_URL_QUERY = 'url.query';

/**
 * On the span of a call that creates or extends an explicit cache, billed for storage per hour
 * (Gemini's `caches.create` / `update`): the tokens the cache holds (Gemini: its
 * `usageMetadata.totalTokenCount`), and the storage time in seconds the call adds (from a create,
 * its `expireTime` less its `updateTime`; from an update, its `expireTime` less the later of its
 * `updateTime` and the expiry counted before in this process, never below 0). The cost processor
 * prices the storage from these.
 */
export const ATTR_LLM_OBSERVER_CACHE_STORAGE_TOKENS = 'llm_observer.cache_storage.tokens';
export const ATTR_LLM_OBSERVER_CACHE_STORAGE_SECONDS = 'llm_observer.cache_storage.seconds';

/**
 * The cost of a span's API call in USD, written by the cost processor (src/processor/): the
 * disjoint parts (uncached input, output, cache reads, cache writes, a fee per call) and their total; what the
 * same usage would have cost with caching off; and the difference, the net cache savings,
 * negative when cache writes did not pay back.
 */
export const ATTR_LLM_OBSERVER_COST_TOTAL_USD = 'llm_observer.cost.total_usd';
export const ATTR_LLM_OBSERVER_COST_INPUT_USD = 'llm_observer.cost.input_usd';
export const ATTR_LLM_OBSERVER_COST_OUTPUT_USD = 'llm_observer.cost.output_usd';
export const ATTR_LLM_OBSERVER_COST_CACHE_READ_USD = 'llm_observer.cost.cache_read_usd';
export const ATTR_LLM_OBSERVER_COST_CACHE_WRITE_USD = 'llm_observer.cost.cache_write_usd';
/** Written only for a model that bills a fee on every call besides its tokens (OpenAI's search-preview models: their web search). */
export const ATTR_LLM_OBSERVER_COST_CALL_FEE_USD = 'llm_observer.cost.call_fee_usd';
/** Written only for a call that used a tool billed by the use (`llm_observer.usage.web_searches`, `.file_searches`): the fees, part of the total. */
export const ATTR_LLM_OBSERVER_COST_TOOL_USD = 'llm_observer.cost.tool_usd';
export const ATTR_LLM_OBSERVER_COST_UNCACHED_USD = 'llm_observer.cost.uncached_usd';
/** What keeping an explicit cache costs, on the span of the call that created or extended it (Gemini's `cachedContents`); part of the total. */
export const ATTR_LLM_OBSERVER_COST_CACHE_STORAGE_USD = 'llm_observer.cost.cache_storage_usd';
export const ATTR_LLM_OBSERVER_CACHE_SAVINGS_USD = 'llm_observer.cache.savings_usd';
/** The pricing-table entry that priced the span, and the version of the table it came from. */
export const ATTR_LLM_OBSERVER_PRICING_ENTRY = 'llm_observer.pricing.entry';
export const ATTR_LLM_OBSERVER_PRICING_VERSION = 'llm_observer.pricing.version';
/** Present when the call started before a price change the table records: it was priced at the earlier prices, which applied until this time (`2025-06-10T00:00:00Z`). */
export const ATTR_LLM_OBSERVER_PRICING_PRICES_UNTIL = 'llm_observer.pricing.prices_until';
/** Present (`true`) when the call started in its provider's peak hours, which multiplied every price (DeepSeek V4: twice the price 09:00-12:00 and 14:00-18:00 Beijing time). */
export const ATTR_LLM_OBSERVER_PRICING_PEAK_HOURS = 'llm_observer.pricing.peak_hours';
/** How the span's model id found that entry, one of {@link PricingMatch} (src/pricing/model-ids.ts). */
export const ATTR_LLM_OBSERVER_PRICING_MATCH = 'llm_observer.pricing.match';
/** Why the cost is an estimate rather than the bill, one of {@link CostEstimate}; absent when it is exact. */
export const ATTR_LLM_OBSERVER_COST_ESTIMATE = 'llm_observer.cost.estimate';
/** True when the usage priced was not final (the call was cancelled, failed or left unread mid-stream): the bill is at least the cost. */
export const ATTR_LLM_OBSERVER_COST_LOWER_BOUND = 'llm_observer.cost.lower_bound';
/** Why a span with a model or usage carries no cost, one of {@link UnpricedReason}. */
export const ATTR_LLM_OBSERVER_COST_UNPRICED_REASON = 'llm_observer.cost.unpriced_reason';
/**
 * What the provider says it billed for the call, in USD, from its own response (OpenRouter's
 * `usage.cost`): written by the instrumentation beside the cost the processor works out
 * (`llm_observer.cost.total_usd`), so that the two can be compared.
 */
export const ATTR_LLM_OBSERVER_PROVIDER_BILLED_COST_USD = 'llm_observer.provider.billed_cost_usd';

/**
 * A keyed fingerprint of the request's cacheable prefix (src/instrumentation/prefix-fingerprint.ts) and
 * the prefix's size estimated from its characters: calls with equal fingerprints sent the same
 * prefix. Never the prefix itself.
 */
export const ATTR_LLM_OBSERVER_PREFIX_FINGERPRINT = 'llm_observer.prefix.fingerprint';
export const ATTR_LLM_OBSERVER_PREFIX_ESTIMATED_TOKENS = 'llm_observer.prefix.estimated_tokens';

/**
 * Cache insights, written by the processor (src/processor/insights/engine.ts; formulas in
 * docs/savings-model.md): what caching the prefix would have saved on a call that used no cache,
 * with the change that would have saved it; and the write premium of earlier calls whose cache
 * writes expired unread, on the call of the same prefix that found them expired.
 */
export const ATTR_LLM_OBSERVER_CACHE_MISSED_SAVINGS_USD = 'llm_observer.cache.missed_savings_usd';
export const ATTR_LLM_OBSERVER_CACHE_RECOMMENDATION = 'llm_observer.cache.recommendation';
export const ATTR_LLM_OBSERVER_CACHE_THRASH_USD = 'llm_observer.cache.thrash_usd';

/**
 * The summary the processor emits at shutdown (src/processor/report/summary-span.ts): a span named
 * {@link SPAN_LLM_OBSERVER_REPORT} with one event per provider and model and one per
 * recommendation. The events reuse the usage, cost and cache names above for their totals.
 */
export const SPAN_LLM_OBSERVER_REPORT = 'llm_observer.report';
export const EVENT_LLM_OBSERVER_REPORT_MODEL_TOTALS = 'llm_observer.report.model_totals';
export const EVENT_LLM_OBSERVER_REPORT_RECOMMENDATION = 'llm_observer.report.recommendation';
/** The model a report row is about: the pricing-table entry that priced its calls, else the model id its spans name. */
export const ATTR_LLM_OBSERVER_REPORT_MODEL = 'llm_observer.report.model';
export const ATTR_LLM_OBSERVER_REPORT_CALLS = 'llm_observer.report.calls';
/** Calls started and not ended when the report was taken: at shutdown, calls still in flight. */
export const ATTR_LLM_OBSERVER_REPORT_INCOMPLETE_CALLS = 'llm_observer.report.incomplete_calls';
export const ATTR_LLM_OBSERVER_REPORT_UNPRICED_CALLS = 'llm_observer.report.unpriced_calls';
/** What a recommendation would have saved over the calls reported, and the same per 1,000 calls. */
export const ATTR_LLM_OBSERVER_REPORT_ESTIMATED_SAVINGS_USD = 'llm_observer.report.estimated_savings_usd';
export const ATTR_LLM_OBSERVER_REPORT_ESTIMATED_SAVINGS_USD_PER_1K_CALLS = 'llm_observer.report.estimated_savings_usd_per_1k_calls';
/** Distinct prefixes the insights stopped tracking to stay within `maxTrackedPrefixes`. */
export const ATTR_LLM_OBSERVER_REPORT_EVICTED_PREFIXES = 'llm_observer.report.evicted_prefixes';

/**
 * The values of `llm_observer.cache.recommendation`, and of the report's recommendations:
 * - `anthropic.add_cache_control`: a prefix recurs uncached; mark it with a `cache_control` breakpoint;
 * - `anthropic.remove_cache_control`: cache writes expire unread; stop marking that prefix;
 * - `anthropic.use_1h_cache_ttl` / `anthropic.use_5m_cache_ttl`: writes of the other lifetime
 *   would have cost less, given the gaps between the calls of each prefix;
 * - `openai.set_prompt_cache_key`: a prefix recurs without cache hits; a `prompt_cache_key`
 *   routes its calls to the same cache;
 * - `openai.remove_prompt_cache_breakpoint`: explicit cache writes (gpt-5.6 on) expire unread;
 * - `gemini.use_cached_content`: a prefix recurs without implicit cache hits;
 * - `gemini.shorten_cache_ttl`: explicit caches cost more to keep than their reads saved.
 */
export const RECOMMENDATION_ANTHROPIC_ADD_CACHE_CONTROL = 'anthropic.add_cache_control';
export const RECOMMENDATION_ANTHROPIC_REMOVE_CACHE_CONTROL = 'anthropic.remove_cache_control';
export const RECOMMENDATION_ANTHROPIC_USE_1H_CACHE_TTL = 'anthropic.use_1h_cache_ttl';
export const RECOMMENDATION_ANTHROPIC_USE_5M_CACHE_TTL = 'anthropic.use_5m_cache_ttl';
export const RECOMMENDATION_OPENAI_SET_PROMPT_CACHE_KEY = 'openai.set_prompt_cache_key';
export const RECOMMENDATION_OPENAI_REMOVE_PROMPT_CACHE_BREAKPOINT = 'openai.remove_prompt_cache_breakpoint';
/** A Gemini prefix recurs without a cache hit: implicit caching is not taking effect. Cache it explicitly (`caches.create`, then `cachedContent`), or keep it identical at the start of each request. */
export const RECOMMENDATION_GEMINI_USE_CACHED_CONTENT = 'gemini.use_cached_content';
/** Gemini explicit caches cost more to keep than their reads saved: shorten their TTL, or delete them once read. */
export const RECOMMENDATION_GEMINI_SHORTEN_CACHE_TTL = 'gemini.shorten_cache_ttl';

/**
 * The metrics the processor records (src/processor/report/metrics.ts): the conventions' two GenAI client
 * histograms, for the calls this package traces, and this package's USD sums, for every priced span.
 */
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = 'gen_ai.client.token.usage';
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = 'gen_ai.client.operation.duration';
export const METRIC_LLM_OBSERVER_CLIENT_COST = 'llm_observer.client.cost';
export const METRIC_LLM_OBSERVER_CLIENT_CACHE_SAVINGS = 'llm_observer.client.cache.savings';
export const METRIC_LLM_OBSERVER_CLIENT_CACHE_MISSED_SAVINGS = 'llm_observer.client.cache.missed_savings';
/** The metric attribute that tells input from output tokens in `gen_ai.client.token.usage`. */
export const ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type';

/**
 * The values of `llm_observer.cost.unpriced_reason`:
 * - `no_usage`: the span names a model but carries no input token count, nor a duration of audio (a
 *   failed call, a Speech API call);
 * - `no_model`: the span carries usage but names no model;
 * - `unknown_model`: the model is not in the pricing table;
 * - `inconsistent_usage`: a count is not a whole number >= 0, or the counts contradict each other
 *   (cache, audio and image tokens above the input total), or a duration of audio
 *   (`openai.usage.seconds`) that is not a number of seconds >= 0;
 * - `unpriced_service_tier`: the table has no price for the service tier that served the call;
 * - `unpriced_cache_read`: the call read from the cache, and the table has no cache-read price for the model;
 * - `unpriced_cache_write`: the table has no price for the kind of cache write the call made;
 * - `unpriced_long_context`: the call's input is above a long-context threshold whose rate the
 *   table does not know, or the call sums several requests, each of which the threshold is about;
 * - `unpriced_speed`, `unpriced_inference_geo`: the call ran in a mode (Anthropic fast mode) or a
 *   place (US-only inference) whose rate the table does not know for the model;
 * - `unpriced_audio`: the call has audio tokens, or a duration of audio (`openai.usage.seconds`), and
 *   the table has no audio rate for the model (an audio token rate, or `usd_per_audio_second`);
 * - `unpriced_image`: the call's input or output has image tokens, and the table has no image rate for
 *   them (`image_input`, `image_output`) for the model;
 * - `unpriced_tool_use`: the call used a tool billed by the use (a web search, a file search, a
 *   Maps grounding), and the table has no fee for that provider's tool (or that version of it) on
 *   the model, or a fee by the call on a call of several requests; or OpenAI's `image_generation`
 *   tool made images, whose image model's tokens the response's usage does not count.
 */
export type UnpricedReason =
  | 'no_usage'
  | 'no_model'
  | 'unknown_model'
  | 'inconsistent_usage'
  | 'unpriced_service_tier'
  | 'unpriced_cache_read'
  | 'unpriced_cache_write'
  | 'unpriced_long_context'
  | 'unpriced_cache_storage'
  | 'unpriced_speed'
  | 'unpriced_inference_geo'
  | 'unpriced_audio'
  | 'unpriced_image'
  | 'unpriced_tool_use';

/** The values of `llm_observer.pricing.match`: the rule of src/pricing/model-ids.ts that found the entry. */
export type PricingMatch = 'exact' | 'snapshot' | 'request_model' | 'platform' | 'alias';

/**
 * The values of `llm_observer.cost.estimate`:
 * - `cache_write_lifetime`: the span reports cache writes without telling their lifetimes apart
 *   (Anthropic's 5 minutes and 1 hour, OpenAI's 30 minutes and 12 hours), on a model that prices
 *   them apart; they are priced at the default lifetime's price, the lower of the two.
 * - `tool_free_allowance`: a tool fee in the cost has a free allowance the provider applies
 *   first (Gemini's grounding with Google Search: so many prompts a day or a month), which no
 *   span can see; every use is priced at the fee, so the bill is at most the cost.
 * - `unbilled_tokens`: the span's token counts include tokens its provider does not bill (the
 *   Vercel AI SDK's Cohere provider reports Cohere's `tokens`, which count the tokens Cohere adds
 *   to a prompt, where Cohere bills its `billed_units`), so the bill is at most the cost.
 */
export type CostEstimate = 'cache_write_lifetime' | 'tool_free_allowance' | 'unbilled_tokens';

/**
 * The values of `openai.request.web_search_tool`, and the tools the pricing table's `tool_fees`
 * name: `web_search` (OpenAI's tool, and Anthropic's), `web_search_preview` (OpenAI's older one).
 */
export type OpenAIWebSearchTool = 'web_search' | 'web_search_preview';

/** The values of `gen_ai.operation.name` this package writes. */
export type GenAIOperation =
  | 'chat'
  | 'text_completion'
  | 'embeddings'
  | 'generate_content'
  // No value of the conventions: the names of the Gemini API's own methods (docs/gemini.md).
  | 'count_tokens'
  | 'create_cached_content'
  | 'update_cached_content'
  | 'delete_cached_content'
  // No value of the conventions either: OpenAI's `responses.compact`, which compacts a conversation.
  | 'compact'
  // Nor these: OpenAI's `responses.retrieve`, which fetches a stored response again (a background one when it is done),
  // and `responses.cancel`, which stops a background one.
  | 'retrieve_response'
  | 'cancel_response'
  // An agent's run (the Gemini Interactions API's agents).
  | 'invoke_agent';

/** The values of `gen_ai.provider.name` this package writes. */
export type GenAIProvider = 'openai' | 'azure.ai.openai' | 'anthropic' | 'aws.bedrock' | 'gcp.vertex_ai' | 'gcp.gemini';

/**
 * The values of `llm_observer.call.outcome`:
 * - `completed`: the response was read to its end;
 * - `failed`: the call or the read of its stream failed (the span status is ERROR);
 * - `cancelled`: the application aborted the call, or stopped reading its stream early;
 * - `unread`: the application never read the response, and the SDK object holding it was
 *   garbage-collected (see the README's "When a span ends").
 */
export type CallOutcome = 'completed' | 'failed' | 'cancelled' | 'unread';

/** `error.type` when the failure is not an `Error` with a class name. */
export const ERROR_TYPE_OTHER = '_OTHER';
