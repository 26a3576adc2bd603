/**
 * How the model ids on a span find their pricing entry. Terms: the *response model* and the
 * *request model* are `gen_ai.response.model` and `gen_ai.request.model`; a *listed id* is one
 * an entry's `match` names, or an entry's own id; a *platform form* is a listed id as a platform
 * or a router spells it (Bedrock, Vertex AI, Azure OpenAI, `provider/model` routers).
 *
 * The rules, tried in this order, each case-insensitive (docs/cost.md has an example of each):
 * 1. `exact`: the response model is a listed id;
 * 2. `snapshot`: the response model less a date suffix (`-2026-03-05`, `-20250929`) is a listed
 *    id. A dated id the table names (as priced or knowingly unpriced) never gets here;
 * 3. `request_model`: rule 1 or 2 on the request model;
 * 4. `platform`: rule 1 or 2 on the platform form of the response model, then of the request model;
 * 5. `alias`: the response model, then the request model, is one of the user's aliases.
 * An id the table knowingly leaves unpriced stops the search: it is not another model's.
 * Nothing else matches, so an id never borrows the price of another model of its family.
 */

/** Which rule matched: written on the span (`llm_observer.pricing.match`). */
export type MatchRule = 'exact' | 'snapshot' | 'request_model' | 'platform' | 'alias';

/** The kind of Bedrock inference profile a model id names, where it names one. */
export type BedrockProfile = 'global' | 'geographic';

/** A model id's resolution: the entry that prices it (`T`), or `unpriced` for an id the table knowingly leaves unpriced. */
export interface IdMatch<T> {
  readonly entry: T | 'unpriced';
  readonly rule: 'exact' | 'snapshot' | 'platform' | 'alias';
  readonly bedrockProfile: BedrockProfile | undefined;
}

export interface ModelMatch<T> {
  readonly entry: T;
  readonly rule: MatchRule;
  readonly bedrockProfile: BedrockProfile | undefined;
}

/** The rules by rank: the response model and then the request model are tried at each rank before the next. */
const RANK_OF: Readonly<Record<IdMatch<unknown>['rule'], number>> = { exact: 0, snapshot: 0, platform: 1, alias: 2 };
const RULE_RANK_COUNT = 3;

/** A date suffix of a snapshot: OpenAI's `-YYYY-MM-DD`, Anthropic's `-YYYYMMDD`. */
const DATE_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8})$/;

/** A Bedrock cross-region inference profile's prefix: `global.` or a geography (`us.`, `eu.`, `apac.`, …). */
const BEDROCK_PROFILE = /^(us-gov|us|eu|apac|au|ca|jp|global)\.(?=anthropic\.)/;

/**
 * From a platform's or a router's spelling to the provider's, one rewrite a row, applied in order
 * to the lower-cased id:
 */
const PLATFORM_FORMS: readonly (readonly [RegExp, string])[] = [
  // A router's provider prefixes (`openrouter/openai/gpt-4o`, `bedrock/…`), an ARN's
  // resource type (`arn:aws:bedrock:…:inference-profile/us.anthropic.…`), a Vertex AI
  // resource path (`publishers/anthropic/models/…`): the model is the last segment.
  [/^.*\//, ''],
  // Bedrock: the profile prefix, the vendor and the version suffix (`-v1:0`; `-v1` from 4.6 on).
  [BEDROCK_PROFILE, ''],
  [/^anthropic\./, ''],
  [/-v\d+(?::\d+)*$/, ''],
  // Vertex AI: `claude-sonnet-4-5@20250929` and `claude-3-5-sonnet-v2@20241022` are the Anthropic API's `…-YYYYMMDD`.
  [/(?:-v\d+)?@(\d{8})$/, '-$1'],
  // Routers write Claude's version with a dot (`anthropic/claude-sonnet-4.5`); Anthropic with a hyphen.
  [/^(claude-.*\d)\.(\d)/, '$1-$2'],
  // Azure OpenAI drops the dot of GPT-3.5 (`gpt-35-turbo`).
  [/^gpt-35-/, 'gpt-3.5-'],
];

/**
 * Model ids resolved so far, found or not, so that the rules run once per distinct id. Bounded:
 * an application that names many ids (deployment names, say) evicts the oldest.
 */
const RESOLVED_CAPACITY = 1024;

/** No model's id is longer: a longer one (a malformed response's) names no model, and is kept nowhere. */
export const MAX_MODEL_ID_CHARS = 256;

export class ModelIds<T> {
  private readonly listed: ReadonlyMap<string, T | 'unpriced'>;
  private readonly aliases: ReadonlyMap<string, T>;
  private readonly resolved = new Map<string, IdMatch<T> | null>();

  /**
   * `listed`: every listed id, lower-cased, to its entry or to `unpriced`; `aliases`: the user's
   * aliases, lower-cased, to their entries.
   */
  constructor(listed: ReadonlyMap<string, T | 'unpriced'>, aliases: ReadonlyMap<string, T>) {
    this.listed = listed;
    this.aliases = aliases;
  }

  /** The entry that prices a call whose span names these models, and the rule that found it; `undefined` when none does. */
  match(responseModel: string | undefined, requestModel: string | undefined): ModelMatch<T> | undefined {
    const response = responseModel === undefined ? undefined : this.resolve(responseModel);
    const request = requestModel === undefined || requestModel === responseModel ? undefined : this.resolve(requestModel);
    // By index: this runs for every priced span, and `for...of` runs the iterator protocol until V8 optimizes it.
    for (let rank = 0; rank < RULE_RANK_COUNT; rank++) {
      // The response model's id first, then the request's (no list made per call).
      const found = response !== undefined && RANK_OF[response.rule] === rank ? response : request !== undefined && RANK_OF[request.rule] === rank ? request : undefined;
      if (found === undefined) continue;
      if (found.entry === 'unpriced') return undefined;
      // The request model counts as a rule of its own only when a response model was there and failed.
      const rule = found === request && rank === 0 && responseModel !== undefined ? 'request_model' : found.rule;
      // The profile is the call's, whichever of its ids names it.
      const bedrockProfile = response?.bedrockProfile ?? request?.bedrockProfile;
      // The id's own resolution, when it says the same: no object made per call.
      if (rule === found.rule && bedrockProfile === found.bedrockProfile) return found as ModelMatch<T>;
      return { entry: found.entry, rule, bedrockProfile };
    }
    return undefined;
  }

  /** How one model id resolves by itself (rules 1, 2, 4 and 5), cached; `undefined` when it does not. */
  resolve(modelId: string): IdMatch<T> | undefined {
    if (modelId.length > MAX_MODEL_ID_CHARS) return undefined;
    const known = this.resolved.get(modelId);
    if (known !== undefined) return known ?? undefined;
    const found = this.search(modelId) ?? null;
    if (this.resolved.size >= RESOLVED_CAPACITY) this.resolved.delete(this.resolved.keys().next().value as string);
    this.resolved.set(modelId, found);
    return found ?? undefined;
  }

  private search(modelId: string): IdMatch<T> | undefined {
    const id = modelId.toLowerCase();
    const bedrockProfile = bedrockProfileOf(id);
    const listed = this.listedOrSnapshot(id);
    if (listed !== undefined) return { ...listed, bedrockProfile };
    const platformForm = PLATFORM_FORMS.reduce((form, [pattern, replacement]) => form.replace(pattern, replacement), id);
    const onPlatform = platformForm === id ? undefined : this.listedOrSnapshot(platformForm);
    if (onPlatform !== undefined) return { entry: onPlatform.entry, rule: 'platform', bedrockProfile };
    const aliased = this.aliases.get(id);
    return aliased === undefined ? undefined : { entry: aliased, rule: 'alias', bedrockProfile };
  }

  private listedOrSnapshot(id: string): Pick<IdMatch<T>, 'entry' | 'rule'> | undefined {
    const exact = this.listed.get(id);
    if (exact !== undefined) return { entry: exact, rule: 'exact' };
    const undated = id.replace(DATE_SUFFIX, '');
    const snapshot = undated === id ? undefined : this.listed.get(undated);
    return snapshot === undefined ? undefined : { entry: snapshot, rule: 'snapshot' };
  }
}

function bedrockProfileOf(id: string): BedrockProfile | undefined {
  const prefix = BEDROCK_PROFILE.exec(id.slice(id.lastIndexOf('/') + 1))?.[1];
  if (prefix === undefined) return undefined;
  return prefix === 'global' ? 'global' : 'geographic';
}
