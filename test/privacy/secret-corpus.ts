import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * A corpus of secrets and personal data of 150 kinds, each a fake generated afresh in the kind's
 * real format: its prefix, its alphabet, its length, and its checksum where it has one (the CRC32
 * suffix of GitHub and npm tokens, Luhn for cards, ISO 13616 mod-97 for IBANs, the SSA's rules for
 * SSNs, the Bech32 alphabet of age keys). No real secret is in it, and none is in this file: every
 * value is random. The formats are the vendors' published ones, as src/privacy/detectors.ts cites
 * them; a kind's `text` is how it appears in a prompt, and its `needle` the part that must not leave.
 */

export interface SecretSample {
  /** How the secret appears in a text. */
  readonly text: string;
  /** What must not be found in what is exported: the secret itself, without its keyword. */
  readonly needle: string;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const BASE62 = UPPER + LOWER + DIGITS;
const BASE64URL = `${BASE62}_-`;
const HEX = '0123456789abcdef';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

const from = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
const base62 = (length: number) => from(BASE62, length);
const hex = (length: number) => from(HEX, length);
const upperAlnum = (length: number) => from(UPPER + DIGITS, length);
const lowerAlnum = (length: number) => from(LOWER + DIGITS, length);
const letters = (length: number) => from(UPPER + LOWER, length);
const digits = (length: number) => from(DIGITS, length);
const base64url = (length: number) => from(BASE64URL, length);
const base32Lower = (length: number) => from(`${LOWER}234567`, length);
const base64 = (bytes: number) => randomBytes(bytes).toString('base64');
const whole = (text: string): SecretSample => ({ text, needle: text });
/** A secret after a keyword that stays: only the secret is searched for. */
const after = (keyword: string, secret: string, closing = ''): SecretSample => ({ text: `${keyword}${secret}${closing}`, needle: secret });

/** GitHub's token checksum (also npm's): the CRC32 of the random part, 6 base62 digits. */
function crc32Suffix(random: string): string {
  let value = crc32(random);
  let suffix = '';
  for (let index = 0; index < 6; index++) {
    suffix = BASE62[value % 62] + suffix;
    value = Math.floor(value / 62);
  }
  return suffix;
}
const checksummedToken = (prefix: string) => {
  const random = base62(30);
  return `${prefix}${random}${crc32Suffix(random)}`;
};

/** The Luhn check digit that completes `body`. */
function luhnDigit(body: string): string {
  let sum = 0;
  for (let index = 0; index < body.length; index++) {
    const digit = Number(body[body.length - 1 - index]);
    const doubled = index % 2 === 0 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return String((10 - (sum % 10)) % 10);
}
const card = (prefix: string, length: number) => {
  const body = prefix + digits(length - prefix.length - 1);
  return body + luhnDigit(body);
};
const grouped = (number: string, sizes: readonly number[], separator: string) => {
  const groups: string[] = [];
  let start = 0;
  for (const size of sizes) {
    groups.push(number.slice(start, start + size));
    start += size;
  }
  return groups.join(separator);
};

/** An IBAN of `country` whose BBAN is `bban`, with its mod-97 check digits. */
function iban(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}

/** An SSN as issued since 2011: area 001–899 but 666, group 01–99, serial 0001–9999. */
function ssn(): string {
  let area = randomInt(1, 900);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}-${String(randomInt(1, 100)).padStart(2, '0')}-${String(randomInt(1, 10000)).padStart(4, '0')}`;
}

const pem = (label: string) => {
  const body = Array.from({ length: 4 }, () => base64(48)).join('\n');
  return { text: `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`, needle: body.split('\n')[2] as string };
};
const jwtPart = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
const userPassUrl = (scheme: string, host: string) => {
  const password = `${base62(12)}-${digits(4)}`;
  return after(`${scheme}://app_user:`, password, `@${host}`);
};

/** Every kind, by name, and how to make a fresh sample of it. */
export const SECRET_KINDS: Readonly<Record<string, () => SecretSample>> = {
  github_pat: () => whole(checksummedToken('ghp_')),
  github_oauth_token: () => whole(checksummedToken('gho_')),
  github_user_to_server_token: () => whole(checksummedToken('ghu_')),
  github_server_to_server_token: () => whole(checksummedToken('ghs_')),
  github_refresh_token: () => whole(checksummedToken('ghr_')),
  github_fine_grained_pat: () => whole(`github_pat_11${upperAlnum(20)}_${base62(59)}`),
  gitlab_pat: () => whole(`glpat-${base64url(20)}`),
  gitlab_pipeline_trigger_token: () => whole(`glptt-${hex(40)}`),
  gitlab_runner_registration_token: () => whole(`GR1348941${base64url(20)}`),
  gitlab_deploy_token: () => whole(`gldt-${base64url(20)}`),
  gitlab_feed_token: () => whole(`glft-${base64url(20)}`),
  gitlab_runner_token: () => whole(`glrt-${base64url(20)}`),
  slack_bot_token: () => whole(`xoxb-${digits(12)}-${digits(13)}-${base62(24)}`),
  slack_user_token: () => whole(`xoxp-${digits(12)}-${digits(12)}-${digits(13)}-${hex(32)}`),
  slack_app_token: () => whole(`xapp-1-A${upperAlnum(10)}-${digits(13)}-${hex(64)}`),
  slack_config_token: () => whole(`xoxe.xoxp-1-${base62(163)}`),
  slack_webhook_url: () => whole(`https://hooks.slack.com/services/T${upperAlnum(8)}/B${upperAlnum(10)}/${base62(24)}`),
  discord_webhook_url: () => whole(`https://discord.com/api/webhooks/${digits(18)}/${base64url(68)}`),
  stripe_live_secret_key: () => whole(`sk_live_51${base62(97)}`),
  stripe_test_secret_key: () => whole(`sk_test_${base62(24)}`),
  stripe_restricted_key: () => whole(`rk_live_${base62(24)}`),
  stripe_webhook_secret: () => whole(`whsec_${base62(32)}`),
  google_api_key: () => whole(`AIza${base64url(35)}`),
  google_oauth_client_secret: () => whole(`GOCSPX-${base64url(28)}`),
  google_oauth_access_token: () => whole(`ya29.a0${base64url(150)}`),
  huggingface_token: () => whole(`hf_${letters(34)}`),
  huggingface_org_token: () => whole(`api_org_${letters(34)}`),
  npm_token: () => whole(checksummedToken('npm_')),
  pypi_token: () => whole(`pypi-AgEIcHlwaS5vcmc${base64url(70)}`),
  rubygems_token: () => whole(`rubygems_${hex(48)}`),
  sendgrid_api_key: () => whole(`SG.${base64url(22)}.${base64url(43)}`),
  twilio_api_key: () => whole(`SK${hex(32)}`),
  mailgun_api_key: () => whole(`key-${hex(32)}`),
  mailchimp_api_key: () => whole(`${hex(32)}-us${randomInt(1, 21)}`),
  brevo_api_key: () => whole(`xkeysib-${hex(64)}-${base62(16)}`),
  resend_api_key: () => whole(`re_${base62(8)}_${base62(24)}`),
  shopify_access_token: () => whole(`shpat_${hex(32)}`),
  shopify_shared_secret: () => whole(`shpss_${hex(32)}`),
  digitalocean_pat: () => whole(`dop_v1_${hex(64)}`),
  digitalocean_oauth_token: () => whole(`doo_v1_${hex(64)}`),
  doppler_token: () => whole(`dp.pt.${base62(43)}`),
  dropbox_token: () => whole(`sl.${base64url(138)}`),
  linear_api_key: () => whole(`lin_api_${base62(40)}`),
  postman_api_key: () => whole(`PMAK-${hex(24)}-${hex(34)}`),
  pulumi_token: () => whole(`pul-${hex(40)}`),
  databricks_token: () => whole(`dapi${hex(32)}`),
  atlassian_api_token: () => whole(`ATATT3xFfGF0${base64url(180)}=${upperAlnum(8)}`),
  newrelic_user_key: () => whole(`NRAK-${upperAlnum(27)}`),
  newrelic_insert_key: () => whole(`NRII-${base64url(32)}`),
  sentry_user_token: () => whole(`sntryu_${hex(64)}`),
  sentry_org_token: () => whole(`sntrys_${Buffer.from(JSON.stringify({ iat: 1, url: 'https://sentry.io', org: 'acme' })).toString('base64')}_${base64(32)}`),
  grafana_cloud_token: () => whole(`glc_${Buffer.from(JSON.stringify({ o: digits(6), n: 'stack', k: base62(24) })).toString('base64')}`),
  grafana_service_account_token: () => whole(`glsa_${base62(32)}_${hex(8)}`),
  aws_access_key_id: () => whole(`AKIA${upperAlnum(16)}`),
  aws_temporary_access_key_id: () => whole(`ASIA${upperAlnum(16)}`),
  aws_iam_user_id: () => whole(`AIDA${upperAlnum(16)}`),
  aws_role_id: () => whole(`AROA${upperAlnum(16)}`),
  aws_managed_policy_id: () => whole(`ANPA${upperAlnum(16)}`),
  aws_secret_access_key: () => after('aws_secret_access_key = ', `${base62(30)}/${base62(4)}+${base62(4)}`),
  azure_storage_account_key: () => after(`DefaultEndpointsProtocol=https;AccountName=acme${digits(4)};AccountKey=`, `${base64(64)}`, ';EndpointSuffix=core.windows.net'),
  azure_sas_signature: () => after('https://acme.blob.core.windows.net/c/report.pdf?sv=2022-11-02&sp=r&sig=', `${base62(30)}%2B${base62(10)}%3D`),
  azure_ad_client_secret: () => whole(`${base62(3)}${digits(1)}Q~${base64url(20)}.${base64url(13)}`),
  alibaba_access_key_id: () => whole(`LTAI${base62(20)}`),
  age_secret_key: () => whole(`AGE-SECRET-KEY-1${from(BECH32, 58).toUpperCase()}`),
  airtable_pat: () => whole(`pat${base62(14)}.${hex(64)}`),
  clojars_token: () => whole(`CLOJARS_${lowerAlnum(60)}`),
  contentful_pat: () => whole(`CFPAT-${base64url(43)}`),
  duffel_token: () => whole(`duffel_test_${base64url(43)}`),
  dynatrace_token: () => whole(`dt0c01.${upperAlnum(24)}.${upperAlnum(64)}`),
  easypost_api_key: () => whole(`EZAK${base62(54)}`),
  flutterwave_secret_key: () => whole(`FLWSECK_TEST-${hex(32)}-X`),
  frameio_token: () => whole(`fio-u-${base64url(64)}`),
  vault_service_token: () => whole(`hvs.${base64url(90)}`),
  terraform_api_token: () => whole(`${base62(14)}.atlasv1.${base64url(67)}`),
  infracost_api_key: () => whole(`ico-${base62(32)}`),
  mapbox_secret_token: () => whole(`sk.eyJ1Ijoi${base64url(40)}.${base64url(22)}`),
  notion_integration_secret: () => whole(`secret_${base62(43)}`),
  notion_token: () => whole(`ntn_${digits(11)}${base62(35)}`),
  planetscale_token: () => whole(`pscale_tkn_${base64url(43)}`),
  prefect_api_key: () => whole(`pnu_${base62(36)}`),
  readme_api_key: () => whole(`rdme_${lowerAlnum(70)}`),
  scalingo_token: () => whole(`tk-us-${base64url(48)}`),
  shippo_token: () => whole(`shippo_live_${hex(40)}`),
  square_access_token: () => whole(`EAAA${base64url(60)}`),
  square_oauth_secret: () => whole(`sq0csp-${base64url(43)}`),
  telegram_bot_token: () => whole(`${digits(10)}:AA${base64url(33)}`),
  typeform_token: () => whole(`tfp_${base62(59)}`),
  groq_api_key: () => whole(`gsk_${base62(52)}`),
  xai_api_key: () => whole(`xai-${base62(80)}`),
  perplexity_api_key: () => whole(`pplx-${base62(48)}`),
  replicate_token: () => whole(`r8_${base62(37)}`),
  langsmith_api_key: () => whole(`lsv2_pt_${hex(32)}_${hex(10)}`),
  supabase_access_token: () => whole(`sbp_${hex(40)}`),
  docker_hub_pat: () => whole(`dckr_pat_${base64url(27)}`),
  facebook_access_token: () => whole(`EAAB${base62(160)}`),
  twitter_bearer_token: () => whole(`${'A'.repeat(22)}${base62(20)}%3D${base62(60)}`),
  braintree_access_token: () => whole(`access_token$production$${lowerAlnum(16)}$${hex(32)}`),
  amazon_mws_token: () => whole(`amzn.mws.${randomUUID()}`),
  onepassword_secret_key: () => whole(`A3-${upperAlnum(6)}-${upperAlnum(6)}-${upperAlnum(5)}-${upperAlnum(5)}-${upperAlnum(5)}-${upperAlnum(5)}`),
  onepassword_service_account_token: () => whole(`ops_eyJzaWduSW5BZGRyZXNzIjoi${base64url(300)}`),
  octopus_deploy_api_key: () => whole(`API-${upperAlnum(26)}`),
  harness_pat: () => whole(`pat.${base64url(22)}.${hex(24)}.${base62(20)}`),
  openshift_token: () => whole(`sha256~${base64url(43)}`),
  sourcegraph_token: () => whole(`sgp_${hex(16)}_${hex(40)}`),
  sonarqube_token: () => whole(`squ_${hex(40)}`),
  circleci_token: () => whole(`CCIPAT_${base62(22)}_${hex(40)}`),
  buildkite_token: () => whole(`bkua_${hex(40)}`),
  figma_token: () => whole(`figd_${base64url(40)}`),
  tailscale_api_key: () => whole(`tskey-api-k${base62(10)}CNTRL-${base62(32)}`),
  heroku_api_key: () => whole(`HRKU-AA${base64url(58)}`),
  deno_deploy_token: () => whole(`ddp_${base62(36)}`),
  flyio_token: () => whole(`fo1_${base64url(43)}`),
  plaid_access_token: () => whole(`access-sandbox-${randomUUID()}`),
  adobe_client_secret: () => whole(`p8e-${base62(32)}`),
  fireworks_api_key: () => whole(`fw_${base62(24)}`),
  together_api_key: () => whole(`tgp_v1_${base64url(43)}`),
  cerebras_api_key: () => whole(`csk-${lowerAlnum(48)}`),
  pinecone_api_key: () => whole(`pcsk_${base62(randomInt(5, 7))}_${base62(63)}`),
  elevenlabs_api_key: () => whole(`sk_${hex(48)}`),
  tavily_api_key: () => whole(`tvly-dev-${base62(32)}`),
  nvidia_api_key: () => whole(`nvapi-${base64url(64)}`),
  // Helicone's keys are lowercase base32; the fakes are its keys with no digit, which only the Helicone row redacts (the
  // OpenAI row, before it, took those with one), so that this test fails without it.
  helicone_api_key: () => whole(`sk-helicone-${from(LOWER, 7)}-${from(LOWER, 7)}-${from(LOWER, 7)}-${from(LOWER, 7)}`),
  firecrawl_api_key: () => whole(`fc-${hex(32)}`),
  vercel_ai_gateway_key: () => whole(`vck_${base64url(56)}`),
  runpod_api_key: () => whole(`rpa_${upperAlnum(40)}${base62(6)}`),
  wandb_api_key: () => whole(`wandb_v1_${from(`${BASE62}_`, 77)}`),
  devin_service_api_key: () => whole(`apk_${base64(66)}`),
  devin_service_user_token: () => whole(`cog_${base32Lower(52)}`),
  brave_search_api_key: () => whole(`BSA${base64url(28)}`),
  voiceflow_api_key: () => whole(`VF.DM.${hex(24)}.${base62(16)}`),
  render_api_key: () => whole(`rnd_${base62(32)}`),
  anthropic_api_key: () => whole(`sk-ant-api03-${base64url(93)}AA`),
  anthropic_admin_key: () => whole(`sk-ant-admin01-${base64url(93)}AA`),
  openai_project_key: () => whole(`sk-proj-${base64url(156)}`),
  openai_service_account_key: () => whole(`sk-svcacct-${base64url(156)}`),
  openai_legacy_key: () => whole(`sk-${base62(20)}T3BlbkFJ${base62(20)}`),
  bearer_token: () => after('Authorization: Bearer ', base64url(40)),
  basic_auth: () => after('Authorization: Basic ', Buffer.from(`svc_${lowerAlnum(6)}:${base62(16)}`).toString('base64')),
  jwt: () => whole(`${jwtPart({ alg: 'HS256', typ: 'JWT' })}.${jwtPart({ sub: digits(10), name: 'x' })}.${base64url(43)}`),
  unsigned_jwt: () => {
    const payload = jwtPart({ sub: digits(10), admin: true });
    return { text: `${jwtPart({ alg: 'none' })}.${payload}.`, needle: payload };
  },
  postgres_url_password: () => userPassUrl('postgres', 'db.internal:5432/app'),
  mysql_url_password: () => userPassUrl('mysql', 'mysql.internal:3306/shop'),
  mongodb_url_password: () => userPassUrl('mongodb+srv', 'cluster0.ab1cd.mongodb.net/app'),
  redis_url_password: () => userPassUrl('redis', 'cache.internal:6379/0'),
  amqp_url_password: () => userPassUrl('amqps', 'mq.internal:5671/vhost'),
  password_pair: () => after('password=', `${letters(8)}${digits(3)}!`),
  json_password_field: () => after('{"password": "', `${letters(6)}#${digits(4)}`, '"}'),
  secret_key_hex: () => after('SECRET_KEY=', hex(64)),
  api_key_yaml: () => after('api_key: ', `${base62(36)}${digits(4)}`),
  client_secret_pair: () => after('client_secret=', `${base64url(28)}${digits(4)}`),
  private_key_pkcs8: () => pem('PRIVATE KEY'),
  private_key_rsa: () => pem('RSA PRIVATE KEY'),
  private_key_ec: () => pem('EC PRIVATE KEY'),
  private_key_openssh: () => pem('OPENSSH PRIVATE KEY'),
  private_key_encrypted: () => pem('ENCRYPTED PRIVATE KEY'),
  pgp_private_key_block: () => pem('PGP PRIVATE KEY BLOCK'),
  email: () => whole(`j${hex(5)}.doe@mail-${hex(3)}.example.com`),
  email_idn: () => whole(`josé.${hex(4)}@bücher-${hex(3)}.de`),
  email_non_latin: () => whole(`用户${digits(3)}@例子${digits(2)}.广告`),
  card_visa: () => whole(grouped(card('4', 16), [4, 4, 4, 4], ' ')),
  card_visa_dots: () => whole(grouped(card('4', 16), [4, 4, 4, 4], '.')),
  card_mastercard: () => whole(grouped(card(String(randomInt(51, 56)), 16), [4, 4, 4, 4], '-')),
  card_mastercard_2_series: () => whole(card(String(randomInt(2221, 2721)), 16)),
  card_amex: () => whole(grouped(card(randomInt(2) === 0 ? '34' : '37', 15), [4, 6, 5], ' ')),
  card_discover: () => whole(card('6011', 16)),
  card_jcb: () => whole(card(String(randomInt(3528, 3590)), 16)),
  card_diners: () => whole(grouped(card('36', 14), [4, 6, 4], ' ')),
  card_unionpay_19: () => whole(card('62', 19)),
  us_ssn: () => whole(ssn()),
  iban_de: () => whole(iban('DE', digits(18))),
  iban_gb: () => whole(grouped(iban('GB', `${from(UPPER, 4)}${digits(14)}`), [4, 4, 4, 4, 4, 2], ' ')),
  iban_fr: () => whole(grouped(iban('FR', `${digits(10)}${upperAlnum(11)}${digits(2)}`), [4, 4, 4, 4, 4, 4, 3], ' ')),
  iban_nl: () => whole(iban('NL', `${from(UPPER, 4)}${digits(10)}`)),
  phone_international: () => whole(`+44 20 ${digits(4)} ${digits(4)}`),
  phone_north_american: () => whole(`(415) 555-${digits(4)}`),
  phone_national: () => whole(`020 7946 ${digits(4)}`),
  ipv4: () => whole(`10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`),
  ipv6: () => whole(`2001:db8:${hex(4)}:${hex(4)}::${hex(3)}`),
  base64_after_equals: () => after('payload=', base64(150)),
  data_url_line_wrapped: () => {
    const lines = base64(57 * 4).match(/.{1,76}/g) as string[];
    return { text: `data:image/png;base64,${lines.join('\n')}`, needle: lines[2] as string };
  },
};

/** Kinds whose text holds a quote, a backslash or a line break: kept out of a JSON string inside JSON. */
export function fitsInNestedJson(sample: SecretSample): boolean {
  return !/["\\\n\r]/.test(sample.text);
}
