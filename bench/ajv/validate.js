// Baseline validator for the validation benchmark: ajv 8 (Ajv2020, allErrors, strict off, formats on),
// schema compiled once, JSON.parse per line. Prints "FILE:LINE: invalid" for each invalid event and a summary,
// so its verdicts can be compared with `csm-events test` on the same file.
'use strict';
const fs = require('fs');
const readline = require('readline');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const [schemaPath, eventsPath] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

let line = 0, invalid = 0, total = 0;
const out = [];
const rl = readline.createInterface({ input: fs.createReadStream(eventsPath), crlfDelay: Infinity });
rl.on('line', (text) => {
  line++;
  if (!text.trim()) return;
  total++;
  if (!validate(JSON.parse(text))) {
    invalid++;
    out.push(`${eventsPath}:${line}: invalid (${validate.errors.length} errors)`);
  }
});
rl.on('close', () => {
  process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
  process.stdout.write(`${total} events, ${invalid} invalid\n`);
});
