import { isIPv6 } from 'node:net';
import { isBasicCredentials, isIban, isIssuedCardNumber, passesLuhn } from './checksums.js';

/**
 * The built-in detectors of redaction (./redaction.ts): one row per kind of secret or personal
 * datum, each citing where its format is published — the vendor's documentation of its token
 * format, or the id of the gitleaks rule (github.com/gitleaks/gitleaks, config/gitleaks.toml) that
 * documents the same format. The patterns are written here from those formats, not copied.
 *
 * Every pattern bounds its repetitions or anchors its start with a look-behind, so that it runs in
 * time linear in the text however the text is made (no catastrophic backtracking); a repetition
 * that must match at least once is bounded above too, since V8 overflows its backtracking stack on
 * an unbounded one that runs over a few million characters. A row with a
 * `hint` is skipped for a text that does not contain it, which keeps a hundred rows cheap.
 */

export interface Detector {
  /** The `<kind>` of the `[REDACTED:<kind>]` label. */
  readonly kind: string;
  /** Where the format is published. */
  readonly source: string;
  /** A literal every match contains; a text without it is not scanned. Compared case-sensitively. */
  readonly hint?: string;
  /**
   * Global. A named group `keep` is the part of a match that stays (a keyword and its `=`); the
   * rest of the match, which must follow it, is replaced.
   */
  readonly pattern: RegExp;
  /** Receives the part of a match to be replaced; a match it refuses stays. */
  readonly isMatch?: (secret: string) => boolean;
}

/** Characters a token is made of, so that a match is a whole token rather than a piece of one. */
const T = String.raw`A-Za-z0-9_`;

/** A pattern of a token with the literal `prefix` and the `body` after it, a whole token. */
function token(prefix: string, body: string, flags = 'g'): RegExp {
  return new RegExp(String.raw`(?<![${T}-])${prefix}${body}(?![${T}-])`, flags);
}

/**
 * The list `build` returns, built at its first call and kept. Each list below is built when
 * redaction first runs, not when the package loads: content capture is opt-in, so most processes
 * never redact, and building the hundred patterns (each RegExp parsed as it is made) was, with
 * the e-mail pattern's literal below, 15 M instructions of the package's load (docs/benchmarks.md).
 */
function builtOnce(build: () => readonly Detector[]): () => readonly Detector[] {
  let built: readonly Detector[] | undefined;
  return () => (built ??= build());
}

/**
 * Credentials: found first, before binary data is replaced, so that a placeholder never splits a
 * key and leaves a piece of it in the text.
 */
export const secretDetectors = builtOnce((): readonly Detector[] => [
  {
    // A key with no END line is redacted to the end of the text: a cut-off key is still a key.
    kind: 'private_key',
    source: 'RFC 7468 (PEM), OpenSSH PROTOCOL.key, RFC 4880 armor; gitleaks private-key',
    hint: '-----BEGIN',
    pattern: /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  { kind: 'anthropic_api_key', source: 'Anthropic API keys (sk-ant-api03-, sk-ant-admin01-); gitleaks anthropic-api-key', hint: 'sk-ant-', pattern: /\bsk-ant-[A-Za-z0-9_-]{16,1024}/g },
  {
    // Before the OpenAI row, which takes most of these keys (sk- and a body with a digit) but not
    // the one in about 330 whose 28 base32 characters hold no digit.
    kind: 'helicone_api_key',
    source: 'Helicone docs, "Helicone Auth" (sk- keys read and write; eu- in the EU): sk-helicone- and four dashed groups of 7 lowercase base32 characters as Helicone issues them',
    hint: 'sk-helicone-',
    pattern: token('sk-helicone-', '(?:[a-z]{2,5}-){0,3}[a-z0-9]{7}(?:-[a-z0-9]{7}){3}(?:-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})?'),
  },
  {
    kind: 'openai_api_key',
    source: 'OpenAI API keys (sk-, sk-proj-, sk-svcacct-, sk-admin-); gitleaks openai-api-key',
    hint: 'sk-',
    pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,1024}/g,
    // A random key body has a digit or a capital; a hyphenated word after `sk-` (`sk-learn-...`) has neither.
    isMatch: (key) => /[0-9A-Z]/.test(key.slice(3)),
  },
  {
    kind: 'aws_access_key_id',
    source: 'AWS IAM User Guide, "Unique identifiers" (AKIA, ASIA, ABIA, ACCA, AGPA, AIDA, AIPA, ANPA, ANVA, APKA, AROA, ASCA, A3T); gitleaks aws-access-token',
    pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b/g,
  },
  {
    kind: 'aws_secret_access_key',
    source: 'AWS IAM User Guide, "Managing access keys" (40 base64 characters, named aws_secret_access_key)',
    pattern: /(?<keep>aws.{0,20}?(?:secret|private).{0,20}?[\s=:>"'`]{1,6})[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi,
  },
  { kind: 'github_token', source: 'GitHub, "Behind GitHub’s new authentication token formats" (ghp_, gho_, ghu_, ghs_, ghr_); gitleaks github-pat, github-oauth, github-app-token, github-refresh-token', hint: 'gh', pattern: token('gh[pousr]_', '[A-Za-z0-9]{36,255}') },
  { kind: 'github_token', source: 'GitHub fine-grained personal access tokens (github_pat_); gitleaks github-fine-grained-pat', hint: 'github_pat_', pattern: token('github_pat_', '[A-Za-z0-9_]{82}') },
  { kind: 'gitlab_token', source: 'GitLab docs, "Token prefixes" (glpat-, gloas-, gldt-, glrt-, glcbt-, glptt-, glft-, glimt-, glagent-, glsoat-, glffct-); gitleaks gitlab-*', hint: 'gl', pattern: token('gl(?:pat|oas|dt|rt|cbt|ptt|ft|imt|agent|soat|ffct)-', '[A-Za-z0-9_.-]{20,200}') },
  { kind: 'gitlab_token', source: 'GitLab runner registration tokens (GR1348941); gitleaks gitlab-rrt', hint: 'GR1348941', pattern: token('GR1348941', '[A-Za-z0-9_-]{20}') },
  { kind: 'slack_token', source: 'Slack API, "Token types" (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xapp-); gitleaks slack-*-token', hint: 'x', pattern: token('(?:xox[abposre]|xoxe\\.xox[bp]|xapp)-', '[A-Za-z0-9-]{10,250}') },
  { kind: 'slack_webhook', source: 'Slack API, "Sending messages using incoming webhooks"; gitleaks slack-webhook-url', hint: 'hooks.slack.com', pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,200}/g },
  { kind: 'discord_webhook', source: 'Discord developer docs, "Webhook resource" (execute webhook URL)', hint: '/api/webhooks/', pattern: /discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{60,80}/g },
  { kind: 'stripe_key', source: 'Stripe docs, "API keys" (sk_live_, sk_test_, rk_live_, rk_test_); gitleaks stripe-access-token', hint: 'k_', pattern: token('[sr]k_(?:live|test)_', '[A-Za-z0-9]{20,247}') },
  { kind: 'stripe_webhook_secret', source: 'Stripe docs, "Check the webhook signatures" (whsec_)', hint: 'whsec_', pattern: token('whsec_', '[A-Za-z0-9+/=]{32,64}') },
  { kind: 'google_api_key', source: 'Google Cloud docs, "Manage API keys" (AIza and 35 characters); gitleaks gcp-api-key', hint: 'AIza', pattern: token('AIza', '[A-Za-z0-9_-]{35}') },
  { kind: 'google_oauth_client_secret', source: 'Google OAuth client secrets (GOCSPX-); gitleaks gcp-oauth-client-secret', hint: 'GOCSPX-', pattern: token('GOCSPX-', '[A-Za-z0-9_-]{28}') },
  { kind: 'google_oauth_token', source: 'Google Identity, OAuth 2.0 access tokens (ya29.)', hint: 'ya29.', pattern: token('ya29\\.', '[A-Za-z0-9_.-]{20,2048}') },
  { kind: 'huggingface_token', source: 'Hugging Face docs, "User access tokens" (hf_, api_org_); gitleaks huggingface-access-token', hint: '_', pattern: token('(?:hf_|api_org_)', '[A-Za-z0-9]{34}') },
  { kind: 'npm_token', source: 'GitHub blog, "npm access tokens" (npm_ and 36 characters); gitleaks npm-access-token', hint: 'npm_', pattern: token('npm_', '[A-Za-z0-9]{36}') },
  { kind: 'pypi_token', source: 'PyPI help, "API tokens" (pypi- macaroons); gitleaks pypi-upload-token', hint: 'pypi-', pattern: token('pypi-AgEIcHlwaS5vcmc', '[A-Za-z0-9_-]{50,1000}') },
  { kind: 'rubygems_token', source: 'RubyGems guides, "API key scopes" (rubygems_); gitleaks rubygems-api-token', hint: 'rubygems_', pattern: token('rubygems_', '[a-f0-9]{48}') },
  { kind: 'sendgrid_api_key', source: 'Twilio SendGrid docs, "API keys" (SG.); gitleaks sendgrid-api-token', hint: 'SG.', pattern: token('SG\\.', '[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}') },
  { kind: 'twilio_api_key', source: 'Twilio docs, "API keys" (SK and 32 hex); gitleaks twilio-api-key', hint: 'SK', pattern: token('SK', '[0-9a-fA-F]{32}') },
  { kind: 'mailgun_api_key', source: 'Mailgun docs, "API keys" (key- and 32 hex); gitleaks mailgun-private-api-token', hint: 'key-', pattern: token('key-', '[0-9a-f]{32}') },
  { kind: 'mailchimp_api_key', source: 'Mailchimp Marketing API, "API keys" (32 hex and the data center -usN); gitleaks mailchimp-api-key', hint: '-us', pattern: token('', '[0-9a-f]{32}-us\\d{1,2}') },
  { kind: 'brevo_api_key', source: 'Brevo (Sendinblue) API keys (xkeysib-); gitleaks sendinblue-api-token', hint: 'xkeysib-', pattern: token('xkeysib-', '[a-f0-9]{64}-[A-Za-z0-9]{16}') },
  { kind: 'resend_api_key', source: 'Resend docs, "API keys" (re_)', hint: 're_', pattern: token('re_', '[A-Za-z0-9]{8}_[A-Za-z0-9]{24}') },
  { kind: 'shopify_token', source: 'Shopify dev docs, access tokens (shpat_, shpca_, shppa_, shpss_); gitleaks shopify-*', hint: 'shp', pattern: token('shp(?:at|ca|pa|ss)_', '[a-fA-F0-9]{32}') },
  { kind: 'digitalocean_token', source: 'DigitalOcean docs, "Personal access tokens" (dop_v1_, doo_v1_, dor_v1_); gitleaks digitalocean-*', hint: '_v1_', pattern: token('do[opr]_v1_', '[a-f0-9]{64}') },
  { kind: 'doppler_token', source: 'Doppler docs, "Token formats" (dp.pt., dp.st., dp.sa., dp.ct., dp.scim., dp.audit.); gitleaks doppler-api-token', hint: 'dp.', pattern: token('dp\\.(?:pt|st|sa|ct|scim|audit)\\.', '[A-Za-z0-9]{40,44}') },
  { kind: 'dropbox_token', source: 'Dropbox short-lived access tokens (sl.); gitleaks dropbox-short-lived-api-token', hint: 'sl.', pattern: token('sl\\.', '[A-Za-z0-9_-]{130,1000}') },
  { kind: 'linear_api_key', source: 'Linear API, personal API keys (lin_api_); gitleaks linear-api-key', hint: 'lin_api_', pattern: token('lin_api_', '[A-Za-z0-9]{40}') },
  { kind: 'postman_api_key', source: 'Postman API keys (PMAK-); gitleaks postman-api-token', hint: 'PMAK-', pattern: token('PMAK-', '[a-f0-9]{24}-[a-f0-9]{34}') },
  { kind: 'pulumi_token', source: 'Pulumi access tokens (pul-); gitleaks pulumi-api-token', hint: 'pul-', pattern: token('pul-', '[a-f0-9]{40}') },
  { kind: 'databricks_token', source: 'Databricks personal access tokens (dapi); gitleaks databricks-api-token', hint: 'dapi', pattern: token('dapi', '[a-f0-9]{32}(?:-\\d)?') },
  { kind: 'atlassian_api_token', source: 'Atlassian API tokens (ATATT3); gitleaks atlassian-api-token', hint: 'ATATT3', pattern: token('ATATT3', '[A-Za-z0-9_=-]{150,250}') },
  { kind: 'newrelic_key', source: 'New Relic docs, "API keys" (NRAK-, NRII-, NRJS-, NRRA-); gitleaks new-relic-*', hint: 'NR', pattern: token('NR(?:AK|II|JS|RA)-', '[A-Za-z0-9_-]{19,40}') },
  { kind: 'sentry_token', source: 'Sentry docs, "Auth tokens" (sntrys_, sntryu_); gitleaks sentry-*', hint: 'sntry', pattern: token('sntry[su]_', '[A-Za-z0-9+/=_]{40,500}') },
  { kind: 'grafana_token', source: 'Grafana docs, Cloud access policy tokens (glc_) and service account tokens (glsa_); gitleaks grafana-*', hint: 'gl', pattern: token('(?:glc_|glsa_)', '[A-Za-z0-9+/=_]{32,400}') },
  { kind: 'azure_storage_key', source: 'Azure Storage docs, "Configure a connection string" (AccountKey=, 88 base64 characters)', hint: 'AccountKey=', pattern: /(?<keep>AccountKey=)[A-Za-z0-9+/]{86}==/g },
  { kind: 'azure_sas_signature', source: 'Azure Storage docs, "Create a service SAS" (sig= parameter)', hint: 'sig=', pattern: /(?<keep>[?&;]sig=)[A-Za-z0-9%+/=]{20,200}/g },
  { kind: 'azure_ad_client_secret', source: 'Microsoft Entra client secrets (the Q~ marker); gitleaks azure-ad-client-secret', hint: 'Q~', pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g },
  { kind: 'alibaba_access_key', source: 'Alibaba Cloud AccessKey ids (LTAI); gitleaks alibaba-access-key-id', hint: 'LTAI', pattern: token('LTAI', '[A-Za-z0-9]{20}') },
  { kind: 'age_secret_key', source: 'age specification (AGE-SECRET-KEY-1, Bech32); gitleaks age-secret-key', hint: 'AGE-SECRET-KEY-1', pattern: token('AGE-SECRET-KEY-1', '[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}') },
  { kind: 'airtable_token', source: 'Airtable personal access tokens (pat + 14, ".", 64 hex); gitleaks airtable-personnal-access-token', hint: 'pat', pattern: token('pat', '[A-Za-z0-9]{14}\\.[a-f0-9]{64}') },
  { kind: 'clojars_token', source: 'Clojars deploy tokens (CLOJARS_); gitleaks clojars-api-token', hint: 'CLOJARS_', pattern: token('CLOJARS_', '[a-z0-9]{60}') },
  { kind: 'contentful_token', source: 'Contentful personal access tokens (CFPAT-); gitleaks contentful-delivery-api-token', hint: 'CFPAT-', pattern: token('CFPAT-', '[A-Za-z0-9_-]{43}') },
  { kind: 'duffel_token', source: 'Duffel access tokens (duffel_test_, duffel_live_); gitleaks duffel-api-token', hint: 'duffel_', pattern: token('duffel_(?:test|live)_', '[A-Za-z0-9_=-]{43}') },
  { kind: 'dynatrace_token', source: 'Dynatrace docs, "Access tokens" (dt0c01.); gitleaks dynatrace-api-token', hint: 'dt0c01.', pattern: token('dt0c01\\.', '[A-Z0-9]{24}\\.[A-Z0-9]{64}') },
  { kind: 'easypost_key', source: 'EasyPost API keys (EZAK, EZTK); gitleaks easypost-api-token', hint: 'EZ', pattern: token('EZ[AT]K', '[A-Za-z0-9]{54}') },
  { kind: 'flutterwave_key', source: 'Flutterwave API keys (FLWSECK-, FLWSECK_TEST-); gitleaks flutterwave-secret-key', hint: 'FLWSECK', pattern: token('FLWSECK(?:_TEST)?-', '[a-f0-9]{32}-X') },
  { kind: 'frameio_token', source: 'Frame.io developer tokens (fio-u-); gitleaks frameio-api-token', hint: 'fio-u-', pattern: token('fio-u-', '[A-Za-z0-9_=-]{64}') },
  { kind: 'hashicorp_vault_token', source: 'HashiCorp Vault docs, "Tokens" (hvs., hvb., hvr.); gitleaks vault-service-token', hint: 'hv', pattern: token('hv[sbr]\\.', '[A-Za-z0-9_-]{24,300}') },
  { kind: 'terraform_token', source: 'HCP Terraform API tokens (.atlasv1.); gitleaks hashicorp-tf-api-token', hint: '.atlasv1.', pattern: token('', '[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}') },
  { kind: 'infracost_key', source: 'Infracost API keys (ico-); gitleaks infracost-api-token', hint: 'ico-', pattern: token('ico-', '[A-Za-z0-9]{32}') },
  { kind: 'mapbox_secret_token', source: 'Mapbox docs, "Access tokens" (sk. secret tokens)', hint: 'sk.eyJ', pattern: token('sk\\.eyJ', '[A-Za-z0-9_-]{20,500}\\.[A-Za-z0-9_-]{20,100}') },
  { kind: 'notion_token', source: 'Notion API, integration tokens (secret_, ntn_); gitleaks notion-api-token', hint: '_', pattern: token('(?:secret_[A-Za-z0-9]{43}|ntn_\\d{11}[A-Za-z0-9]{35})', '') },
  { kind: 'planetscale_token', source: 'PlanetScale service tokens and passwords (pscale_tkn_, pscale_pw_, pscale_oauth_); gitleaks planetscale-*', hint: 'pscale_', pattern: token('pscale_(?:tkn|pw|oauth)_', '[A-Za-z0-9_=.-]{32,64}') },
  { kind: 'prefect_token', source: 'Prefect API keys (pnu_); gitleaks prefect-api-token', hint: 'pnu_', pattern: token('pnu_', '[A-Za-z0-9]{36}') },
  { kind: 'readme_token', source: 'ReadMe API keys (rdme_); gitleaks readme-api-token', hint: 'rdme_', pattern: token('rdme_', '[a-z0-9]{70}') },
  { kind: 'scalingo_token', source: 'Scalingo API tokens (tk-us-); gitleaks scalingo-api-token', hint: 'tk-us-', pattern: token('tk-us-', '[A-Za-z0-9_-]{48}') },
  { kind: 'shippo_token', source: 'Shippo API tokens (shippo_live_, shippo_test_); gitleaks shippo-api-token', hint: 'shippo_', pattern: token('shippo_(?:live|test)_', '[a-f0-9]{40}') },
  { kind: 'square_token', source: 'Square developer docs, access tokens (EAAA); gitleaks square-access-token', hint: 'EAAA', pattern: token('EAAA', '[A-Za-z0-9_-]{22,60}') },
  { kind: 'square_token', source: 'Square developer docs, OAuth access tokens (sq0atp-) and application secrets (sq0csp-); gitleaks square-secret', hint: 'sq0', pattern: token('sq0(?:atp|csp)-', '[A-Za-z0-9_-]{22,60}') },
  { kind: 'telegram_bot_token', source: 'Telegram Bot API, "Authorizing your bot" (<bot id>:AA...); gitleaks telegram-bot-api-token', hint: ':AA', pattern: /(?<![A-Za-z0-9_:-])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g },
  { kind: 'typeform_token', source: 'Typeform personal access tokens (tfp_); gitleaks typeform-api-token', hint: 'tfp_', pattern: token('tfp_', '[A-Za-z0-9_.=-]{59}') },
  { kind: 'groq_api_key', source: 'Groq API keys (gsk_)', hint: 'gsk_', pattern: token('gsk_', '[A-Za-z0-9]{52}') },
  { kind: 'xai_api_key', source: 'xAI API keys (xai-)', hint: 'xai-', pattern: token('xai-', '[A-Za-z0-9]{80}') },
  { kind: 'perplexity_api_key', source: 'Perplexity API keys (pplx-); gitleaks perplexity-api-key', hint: 'pplx-', pattern: token('pplx-', '[A-Za-z0-9]{48}') },
  { kind: 'replicate_token', source: 'Replicate API tokens (r8_)', hint: 'r8_', pattern: token('r8_', '[A-Za-z0-9]{37}') },
  { kind: 'langsmith_key', source: 'LangSmith API keys (lsv2_pt_, lsv2_sk_)', hint: 'lsv2_', pattern: token('lsv2_(?:pt|sk)_', '[a-f0-9]{32}_[a-f0-9]{10}') },
  { kind: 'supabase_key', source: 'Supabase docs, "API keys" (sbp_, sb_secret_)', hint: 'sb', pattern: token('(?:sbp_|sb_secret_)', '[A-Za-z0-9_-]{31,64}') },
  { kind: 'docker_hub_token', source: 'Docker docs, "Personal access tokens" (dckr_pat_); gitleaks docker-*', hint: 'dckr_pat_', pattern: token('dckr_pat_', '[A-Za-z0-9_-]{27}') },
  { kind: 'facebook_token', source: 'Meta Graph API access tokens (EAA); gitleaks facebook-access-token', hint: 'EAA', pattern: token('EAA[BCDGM]', '[A-Za-z0-9]{100,400}') },
  { kind: 'twitter_bearer_token', source: 'X (Twitter) API app-only bearer tokens (22 A and URL-encoded body); gitleaks twitter-bearer-token', hint: 'AAAAAAAAAAAAAAAAAAAAA', pattern: token('A{22}', '[A-Za-z0-9%]{80,150}') },
  { kind: 'braintree_token', source: 'Braintree (PayPal) access tokens (access_token$production$); gitleaks braintree-api-key', hint: 'access_token$', pattern: /access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}/g },
  { kind: 'amazon_mws_token', source: 'Amazon MWS auth tokens (amzn.mws.); gitleaks amazon-mws-auth-token', hint: 'amzn.mws.', pattern: /amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g },
  { kind: 'onepassword_secret_key', source: '1Password Secret Key format (A3-); gitleaks 1password-secret-key', hint: 'A3-', pattern: token('A3-', '[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}') },
  { kind: 'onepassword_service_token', source: '1Password service account tokens (ops_eyJ); gitleaks 1password-service-account-token', hint: 'ops_eyJ', pattern: token('ops_eyJ', '[A-Za-z0-9+/=_-]{100,2000}') },
  { kind: 'octopus_deploy_key', source: 'Octopus Deploy API keys (API-); gitleaks octopus-deploy-api-key', hint: 'API-', pattern: token('API-', '[A-Z0-9]{26}') },
  { kind: 'harness_token', source: 'Harness API tokens (pat. / sat.); gitleaks harness-api-key', hint: 'at.', pattern: token('(?:pat|sat)\\.', '[A-Za-z0-9_-]{22}\\.[a-f0-9]{24}\\.[A-Za-z0-9]{20}') },
  { kind: 'openshift_token', source: 'OpenShift OAuth access tokens (sha256~); gitleaks openshift-user-token', hint: 'sha256~', pattern: token('sha256~', '[A-Za-z0-9_-]{43}') },
  { kind: 'sourcegraph_token', source: 'Sourcegraph access tokens (sgp_); gitleaks sourcegraph-access-token', hint: 'sgp_', pattern: token('sgp_', '(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}') },
  { kind: 'sonarqube_token', source: 'SonarQube docs, "Generating and using tokens" (squ_, sqp_, sqa_); gitleaks sonar-api-token', hint: 'sq', pattern: token('sq[uap]_', '[a-f0-9]{40}') },
  { kind: 'circleci_token', source: 'CircleCI personal API tokens (CCIPAT_)', hint: 'CCIPAT_', pattern: token('CCIPAT_', '[A-Za-z0-9]{22}_[a-f0-9]{40}') },
  { kind: 'buildkite_token', source: 'Buildkite API access tokens (bkua_)', hint: 'bkua_', pattern: token('bkua_', '[a-f0-9]{40}') },
  { kind: 'figma_token', source: 'Figma personal access tokens (figd_)', hint: 'figd_', pattern: token('figd_', '[A-Za-z0-9_-]{40}') },
  { kind: 'tailscale_key', source: 'Tailscale docs, "API access tokens" and "Auth keys" (tskey-)', hint: 'tskey-', pattern: token('tskey-(?:api|auth|client|webhook)-', '[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,60}') },
  { kind: 'heroku_api_key', source: 'Heroku API keys (HRKU-AA); gitleaks heroku-api-key-v2', hint: 'HRKU-', pattern: token('HRKU-AA', '[A-Za-z0-9_-]{58}') },
  { kind: 'deno_deploy_token', source: 'Deno Deploy access tokens (ddp_, ddw_)', hint: 'dd', pattern: token('dd[pw]_', '[A-Za-z0-9]{36}') },
  { kind: 'flyio_token', source: 'Fly.io tokens (fo1_, FlyV1 fm1_/fm2_); gitleaks flyio-access-token', hint: 'f', pattern: token('(?:fo1_|FlyV1 fm[12][ar]?_)', '[A-Za-z0-9+/=,_-]{43,2000}') },
  { kind: 'plaid_token', source: 'Plaid docs, access tokens (access-sandbox-, access-production-); gitleaks plaid-api-token', hint: 'access-', pattern: /access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g },
  { kind: 'adobe_client_secret', source: 'Adobe client secrets (p8e-); gitleaks adobe-client-secret', hint: 'p8e-', pattern: token('p8e-', '[A-Za-z0-9]{32}') },
  { kind: 'fireworks_api_key', source: 'Fireworks AI API keys (fw_)', hint: 'fw_', pattern: token('fw_', '[A-Za-z0-9]{24}') },
  { kind: 'together_api_key', source: 'Together AI API keys (tgp_v1_ and 43 base64url characters)', hint: 'tgp_v1_', pattern: token('tgp_v1_', '[A-Za-z0-9_-]{43}') },
  { kind: 'cerebras_api_key', source: 'Cerebras API keys (csk- and 48 lowercase letters and digits); trufflehog cerebras detector, betterleaks cerebras-api-key', hint: 'csk-', pattern: token('csk-', '[a-z0-9]{48}') },
  { kind: 'pinecone_api_key', source: 'Pinecone API keys (pcsk_, 5 or 6 letters and digits, _ and 63 letters and digits); trufflehog pinecone detector, betterleaks pinecone-api-key.2', hint: 'pcsk_', pattern: token('pcsk_', '[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63}') },
  { kind: 'elevenlabs_api_key', source: 'ElevenLabs API keys (sk_ and 48 hex); trufflehog elevenlabs v2 detector, betterleaks elevenlabs-api-key', hint: 'sk_', pattern: token('sk_', '[a-f0-9]{48}') },
  { kind: 'tavily_api_key', source: 'Tavily docs, API reference "Authentication" (Bearer tvly- keys; tvly-dev- and tvly-prod- and 32 letters and digits as issued); no gitleaks, trufflehog or betterleaks rule', hint: 'tvly-', pattern: token('tvly-', '(?:(?:dev|prod)-)?[A-Za-z0-9]{24,64}') },
  { kind: 'nvidia_api_key', source: 'NVIDIA NIM and build.nvidia.com API keys (nvapi- and 64 base64url characters); trufflehog nvapi detector, betterleaks nvidia-api-key', hint: 'nvapi-', pattern: token('nvapi-', '[A-Za-z0-9_-]{60,70}') },
  { kind: 'firecrawl_api_key', source: 'Firecrawl docs, API reference "Authentication" (Bearer fc- keys; fc- and 32 hex as issued); no gitleaks, trufflehog or betterleaks rule', hint: 'fc-', pattern: token('fc-', '[a-f0-9]{32}') },
  { kind: 'vercel_ai_gateway_key', source: 'Vercel AI Gateway API keys (vck_ and 56 base64url characters); betterleaks vercel-ai-gateway-key', hint: 'vck_', pattern: token('vck_', '[A-Za-z0-9_-]{56}') },
  { kind: 'runpod_api_key', source: 'RunPod API keys (rpa_, 40 capitals and digits, 6 letters and digits); betterleaks runpod-api-key', hint: 'rpa_', pattern: token('rpa_', '[A-Z0-9]{40}[A-Za-z0-9]{6}') },
  { kind: 'wandb_api_key', source: 'Weights & Biases v1 API keys (wandb_v1_ and 77 letters, digits and _); betterleaks weights-and-biases-api-key-v1', hint: 'wandb_v1_', pattern: token('wandb_v1_', '[A-Za-z0-9_]{77}') },
  { kind: 'devin_api_key', source: 'Cognition Devin service API keys (apk_ and 80 to 100 base64 characters); betterleaks devin-service-api-key', hint: 'apk_', pattern: /(?<![A-Za-z0-9_-])apk_[A-Za-z0-9+/]{80,100}={0,2}(?![A-Za-z0-9_+/=-])/g },
  { kind: 'devin_api_key', source: 'Cognition Devin service user tokens (cog_ and 52 lowercase base32 characters); betterleaks devin-service-user-token', hint: 'cog_', pattern: token('cog_', '[a-z2-7]{52}') },
  { kind: 'brave_search_api_key', source: 'Brave Search API keys (BSA and 24 to 40 base64url characters); betterleaks brave-search-api-key', hint: 'BSA', pattern: token('BSA', '[A-Za-z0-9_-]{24,40}') },
  { kind: 'voiceflow_api_key', source: 'Voiceflow API keys (VF., DM. or WS., 24 hex, . and 16 letters and digits); trufflehog voiceflow detector', hint: 'VF.', pattern: token('VF\\.(?:(?:DM|WS)\\.)?', '[a-fA-F0-9]{24}\\.[A-Za-z0-9]{16}') },
  { kind: 'render_api_key', source: 'Render API keys (rnd_)', hint: 'rnd_', pattern: token('rnd_', '[A-Za-z0-9]{32}') },
  { kind: 'bearer_token', source: 'RFC 6750, the Bearer scheme', pattern: /\bbearer\s{1,8}[A-Za-z0-9._~+/-]{16,4096}={0,2}/gi },
  {
    kind: 'basic_auth',
    source: 'RFC 7617, the Basic scheme (base64 of user:password)',
    pattern: /(?<keep>\bbasic\s{1,8})[A-Za-z0-9+/]{4,1000}={0,2}(?![A-Za-z0-9+/=])/gi,
    isMatch: isBasicCredentials,
  },
  {
    // Anchored at the start of a run of base64url characters: a `\b` would also match after each `-`.
    // The signature may be empty: an unsigned token (`alg: none`) ends with its second dot.
    kind: 'jwt',
    source: 'RFC 7519 (JWT) and RFC 7515 (JWS compact serialization)',
    hint: 'eyJ',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  },
  {
    kind: 'url_password',
    source: 'RFC 3986 §3.2.1, user information (postgres://, mysql://, mongodb+srv://, redis://, amqp://, ...)',
    hint: '://',
    pattern: /(?<keep>\b[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:@/?#]{0,128}:)[^\s@/?#]{1,256}(?=@)/g,
  },
  {
    // A value after a name that says it is a secret: `password=...`, `"api_key": "..."`, `SECRET_KEY=...`;
    // its quotes may be escaped (`{\"password\": \"...\"}` in JSON text inside a JSON string).
    kind: 'secret_assignment',
    source: 'gitleaks generic-api-key (keyword, assignment, value)',
    pattern:
      /(?<keep>(?<![A-Za-z0-9])(?:pass(?:word|wd|phrase)?|pwd|secret|client_secret|secret_key|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|refresh[_-]?token|token|private[_-]?key)\\?["'`]?\s{0,4}(?::|=>|=)\s{0,4}\\?["'`]?)[^\s"'`\\,;<>(){}[\]]{6,200}/gi,
    isMatch: isSecretValue,
  },
]);

/**
 * Whether the value of a `password=`-style pair is a secret rather than code: an identifier, a
 * member chain or a type (`password: string`, `token = options.token`) is code; a value with a
 * digit or a symbol in it is taken for a secret.
 */
function isSecretValue(value: string): boolean {
  if (/^[A-Za-z_$][A-Za-z_$.]*$/.test(value)) return false;
  return !/^(?:process\.env|this\.|self\.|os\.environ|\$\{|\$[A-Z_])/.test(value);
}

/**
 * Personal data, found after binary data is replaced, so that the digits of a base64 image are
 * never taken for a card or a phone number. The more specific run before the more general: IPv6
 * before the IPv4 an IPv6 address can end with; SSNs, IBANs, cards and IP addresses before phone
 * numbers.
 */
export const personalDataDetectors = builtOnce((): readonly Detector[] => [
  {
    // Letters and digits of any script: an internationalized address (RFC 6531) is an address.
    kind: 'email',
    source: 'RFC 5322 addr-spec (common form), RFC 6531 internationalized addresses',
    hint: '@',
    // Made from a string, not written as a literal: V8 checks a literal's syntax when it parses the
    // module, even inside a function not yet run, and for `\p{…}` with the `u` flag that builds the
    // Unicode sets, 7.5 M instructions at every load of the package.
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.(?:\p{L}{2,24}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{N}-])`,
      'gu',
    ),
  },
  {
    kind: 'us_ssn',
    source: 'SSA, "Social Security Number Randomization" (no area 000, 666 or 9xx; no group 00; no serial 0000)',
    hint: '-',
    pattern: /(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])/g,
  },
  {
    kind: 'iban',
    source: 'ISO 13616 and the SWIFT IBAN Registry (country lengths, mod-97 check)',
    pattern: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g,
    isMatch: isIban,
  },
  {
    // 13 to 19 digits, single spaces, dashes or dots between them, a whole run of digits, not after a decimal point.
    kind: 'card_number',
    source: 'ISO/IEC 7812 (issuer ranges, Luhn check digit)',
    pattern: /(?<![\d.]|\d[ .-])(?:\d[ .-]?){12,18}\d(?![ .-]?\d)/g,
    isMatch: isCardNumber,
  },
  {
    kind: 'ipv6',
    source: 'RFC 4291 §2.2 text forms (checked with Node net.isIPv6)',
    hint: ':',
    pattern: /(?<![\w:])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?![\w:])/g,
    // Two groups at least: `::1` (loopback) and `a[::2]` (a slice) name no one.
    isMatch: (candidate) => isIPv6(candidate) && candidate.split(':').filter((group) => group !== '').length >= 2,
  },
  {
    // Not a version or a section: a dotted quad after `v`, `@`, `/`, "version" or "section" is one
    // (`v1.2.3.4`, `chrome/120.0.0.1`, `Section 20.3.1.2` of a standard).
    kind: 'ipv4',
    source: 'RFC 791 dotted-decimal notation',
    hint: '.',
    pattern:
      /(?<![\w.@/-]|\bv|version\s?|ver\.?\s?|\bsec(?:tion|\.)?\s?|§\s?)(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d|-\w)/gi,
  },
  {
    // Each step takes one digit (or a parenthesized area code), so a run splits one way only.
    kind: 'phone',
    source: 'ITU-T E.164; the North American Numbering Plan',
    pattern: /(?<![\w+])\+?(?:\(\d{1,4}\)|\d)(?:[ .-]?(?:\(\d{1,4}\)|\d)){6,20}(?![ .-]?\d)/g,
    isMatch: isPhoneNumber,
  },
]);

/** A card number: the same separator throughout (or none), an issuer's range and length, and the Luhn check. */
function isCardNumber(match: string): boolean {
  const separators = new Set(match.replace(/\d/g, ''));
  if (separators.size > 1) return false;
  const digits = match.replace(/\D/g, '');
  return isIssuedCardNumber(digits) && passesLuhn(digits);
}

/**
 * Whether a run of digits and separators is written as a phone number rather than as another
 * number (a date, an amount, an id):
 * - international: `+` and 8 to 15 digits (E.164);
 * - North American: 3-3-4 digits, optionally after a `1`, with separators or `(555)`;
 * - national with a trunk prefix: a leading 0, 9 to 12 digits, in groups of 2 or more.
 */
function isPhoneNumber(match: string): boolean {
  const groups = match.split(/[^\d]+/).filter((group) => group !== '');
  const digits = groups.join('').length;
  if (match.startsWith('+')) return digits >= 8 && digits <= 15;
  if (groups.length < 2) return false;
  const lengths = groups.map((group) => group.length).join('-');
  if (lengths === '3-3-4' || (lengths === '1-3-3-4' && groups[0] === '1')) return true;
  return digits >= 9 && digits <= 12 && match.replace('(', '').startsWith('0') && groups.every((group) => group.length >= 2);
}
