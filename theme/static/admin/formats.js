/**
 * How the web editor reads and writes content files: YAML files (partner.yaml) and Markdown
 * files with YAML front matter (cases, library items, events).
 *
 * The content is read by a YAML 1.1 loader, where an unquoted NO, no, on or 2026-01-01 is not
 * text. Decap's own writer follows YAML 1.2 and leaves them bare (`country: NO`), which the
 * build then refuses. These formats write with YAML 1.1's rules, so such values are quoted,
 * keep lists of plain values on one line as the sample files do, never fold long lines, and
 * write text with line breaks as literal blocks. The YAML library is passed in (the vendored
 * copy in the browser, the same release from node_modules in the unit tests).
 */

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

// A date or a date and time with its offset, as YAML 1.1's rules quote it.
const QUOTED_TIMESTAMP = /"(\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:\d\d))?)"$/.source;

/**
 * `data` as YAML text, with `header` (comment lines) first. Options: `flowKeys`, keys whose
 * mappings are written on one line (`label: {en: Training, nl: Trainingen}`, as the taxonomy
 * files write their labels); `timestampKeys`, top-level keys of date fields, whose dates are
 * written bare (`date: 2026-10-20`) as in hand-written files: the loader reads a bare date as
 * a date, which those fields want, and YAML 1.1's rules would otherwise quote it.
 */
export function toYaml(YAML, data, header = "", { flowKeys = [], timestampKeys = [] } = {}) {
  const doc = new YAML.Document(data, { version: "1.1" });
  YAML.visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => YAML.isScalar(item))) node.flow = true;
    },
    Pair(_, pair) {
      if (YAML.isMap(pair.value) && flowKeys.includes(pair.key?.value)) pair.value.flow = true;
    },
  });
  let text = doc.toString({ lineWidth: 0, blockQuote: "literal", flowCollectionPadding: false });
  for (const key of timestampKeys) {
    const quoted = new RegExp(`^(${key}): ${QUOTED_TIMESTAMP}`, "m");
    text = text.replace(quoted, "$1: $2");
  }
  return header + text;
}

/** The value of a YAML file; an empty file is an empty mapping. */
export function fromYaml(YAML, text) {
  return YAML.parse(text) ?? {};
}

/** Front matter and body: `{...fields, body}`. A file without front matter is all body. */
export function fromFrontMatter(YAML, text) {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { body: text };
  return { ...fromYaml(YAML, match[1]), body: match[2] };
}

/** The Markdown file of `{...fields, body}`: front matter, then the body (`options` as for
 * toYaml). */
export function toFrontMatter(YAML, entry, options = {}) {
  const { body = "", ...fields } = entry;
  const text = body.endsWith("\n") || body === "" ? body : `${body}\n`;
  return `---\n${toYaml(YAML, fields, "", options)}---\n${text}`;
}

/**
 * `data` with its keys in the order of `fields` (the collection's fields in config.yml, as the
 * model declares them), nested objects and lists of objects too. A key no field names (none
 * should exist) is kept, after the others: the editor never drops a value.
 */
export function inFieldOrder(data, fields) {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return data;
  const ordered = {};
  for (const field of fields) {
    if (!(field.name in data)) continue;
    const value = data[field.name];
    if (field.fields && Array.isArray(value)) {
      ordered[field.name] = value.map((item) => inFieldOrder(item, field.fields));
    } else if (field.fields) {
      ordered[field.name] = inFieldOrder(value, field.fields);
    } else {
      ordered[field.name] = value;
    }
  }
  for (const [key, value] of Object.entries(data)) {
    if (!(key in ordered)) ordered[key] = value;
  }
  return ordered;
}

/**
 * A taxonomy file (`id: {label, description}`, in the taxonomy's order) as the editor's entry
 * `{terms: [{id, label, description}]}`: Decap edits lists, not mappings keyed by an entry.
 */
export function termsFromMapping(mapping) {
  return { terms: Object.entries(mapping).map(([id, term]) => ({ id, ...term })) };
}

/** The entry of `termsFromMapping` as the taxonomy file's mapping, in the list's order, each
 * term's keys in the order of `fields` (the term's fields in config.yml). */
export function termsToMapping(entry, fields) {
  const mapping = {};
  for (const { id, ...term } of entry.terms ?? []) mapping[id] = inFieldOrder(term, fields);
  return mapping;
}

// The first line each YAML collection's files keep: the schema editors check them against.
const HEADERS = {
  partners: "# yaml-language-server: $schema=../../../schemas/partner.schema.json\n",
  taxonomies: "# yaml-language-server: $schema=../../schemas/taxonomy.schema.json\n",
};

/** The format of each collection of `config` (config.yml, parsed): its name, its file
 * extension and the functions Decap calls to read and write a file. */
export function editorFormats(YAML, config) {
  return config.collections.map((collection) => {
    const header = HEADERS[collection.name] ?? "";
    if (collection.files) {
      // The taxonomies: every file holds the same list of terms.
      const termFields = collection.files[0].fields[0].fields.filter((f) => f.name !== "id");
      return {
        name: collection.format,
        extension: collection.extension,
        fromFile: (text) => termsFromMapping(fromYaml(YAML, text)),
        toFile: (data) =>
          toYaml(YAML, termsToMapping(data, termFields), header, { flowKeys: ["label"] }),
      };
    }
    const order = (data) => inFieldOrder(data, collection.fields);
    const timestampKeys = collection.fields.filter((f) => f.widget === "datetime").map((f) => f.name);
    if (collection.extension === "md") {
      return {
        name: collection.format,
        extension: "md",
        fromFile: (text) => fromFrontMatter(YAML, text),
        toFile: (data) => toFrontMatter(YAML, order(data), { timestampKeys }),
      };
    }
    return {
      name: collection.format,
      extension: collection.extension,
      fromFile: (text) => fromYaml(YAML, text),
      toFile: (data) => toYaml(YAML, order(data), header, { timestampKeys }),
    };
  });
}
