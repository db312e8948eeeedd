/** The text of `confab-chat help`. */
export const USAGE = `Usage: confab-chat serve [options]

Runs the confab server: the backend of the <confab-chat> widget. It answers questions
from your docs through an OpenAI-compatible model, holds your keys, and keeps other
sites out. Point the widget at it with server="https://your-site/api/confab".

Options (flags win over the environment, which wins over the config file):
  --docs <folder>          your docs (Markdown, MDX, HTML); repeat for several
  --docs-base-url <url>    where those docs are published (default /docs/)
  --allowed-origin <url>   a site whose pages may use the server; repeat for several,
                           e.g. https://docs.example.com, https://*.example.com,
                           http://localhost:*   (or CONFAB_ALLOWED_ORIGINS, comma-separated)
  --port <n>               port (default 8787, or PORT; 0 picks a free one)
  --host <addr>            interface (default 127.0.0.1, or HOST; 0.0.0.0 for all)
  --base-path <path>       the path every route is under (default /api/confab)
  --system-prompt <text>   what the assistant is told first
  --redis <url>            share rate limits and handoffs between instances (or CONFAB_REDIS_URL)
  --config <file>          a JSON file of settings (default ./confab.config.json if present)
  -h, --help               this help

Environment:
  CONFAB_UPSTREAM_URL      the model server, e.g. https://api.openai.com/v1 (none: the
                           server quotes the docs itself)
  CONFAB_UPSTREAM_KEY      its key
  CONFAB_UPSTREAM_MODEL    the model, e.g. gpt-4o-mini
  CONFAB_PULSE_URL, CONFAB_PULSE_KEY, CONFAB_PULSE_SIGNING_SECRET   a PulseAI app to proxy
  CONFAB_ANALYTICS_KEY, CONFAB_ANALYTICS_URL                         relay the widget's logs
  CONFAB_IDENTITY_SECRET   verify signed user ids (see the README, "Identity")
  CONFAB_DIXA_TOKEN        hand visitors over to people in Dixa (README, "Human handoff"),
                           with CONFAB_DIXA_REQUESTER_ID, CONFAB_DIXA_QUEUE_ID and
                           CONFAB_DIXA_EMAIL_INTEGRATION_ID; optional CONFAB_DIXA_URL,
                           CONFAB_DIXA_CREATE_SHAPE (email|endpoint), CONFAB_DIXA_CONTACT_ENDPOINT_ID,
                           CONFAB_DIXA_TAG_ID, CONFAB_DIXA_ATTRIBUTE_ID, CONFAB_DIXA_NOTE_AGENT_ID

The config file takes every option of createConfabHandler that is plain data (upstream,
docs, allowedOrigins, rateLimit, limits, handoff, …) plus port, host and redis.
`;
