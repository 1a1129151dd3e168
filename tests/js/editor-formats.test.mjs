// The web editor's file formats (admin/formats.js) with the same YAML release the editor loads.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as YAML from "yaml";
import {
  editorFormats,
  fromFrontMatter,
  inFieldOrder,
  termsFromMapping,
  termsToMapping,
  toFrontMatter,
  toYaml,
} from "../../theme/static/admin/formats.js";

describe("writing YAML the loader reads as written", () => {
  test("words YAML 1.1 reads as booleans, dates and numbers stay text", () => {
    const text = toYaml(YAML, { country: "NO", languages: ["no", "en"], on: "yes", zip: "012" });
    assert.equal(text, 'country: "NO"\nlanguages: ["no", en]\n"on": "yes"\nzip: "012"\n');
  });

  test("numbers and booleans stay what they are", () => {
    assert.equal(toYaml(YAML, { founded: 2015, accepting_clients: true }), "founded: 2015\naccepting_clients: true\n");
  });

  test("text with line breaks is a literal block; long lines are never folded", () => {
    const long = "word ".repeat(40).trim();
    const text = toYaml(YAML, { description: { en: "One.\n\nTwo **bold**.\n" }, tagline: long });
    assert.equal(text, `description:\n  en: |\n    One.\n\n    Two **bold**.\ntagline: ${long}\n`);
  });

  test("a header comment comes first", () => {
    assert.equal(toYaml(YAML, { name: "X" }, "# schema\n"), "# schema\nname: X\n");
  });
});

describe("front matter", () => {
  test("a Markdown file reads as its fields and body and is written back the same", () => {
    const file = '---\ntitle: "Partnerdag: 2027"\nstart: "2027-01-21T10:00:00+01:00"\n---\nBody **text**.\n';
    const entry = fromFrontMatter(YAML, file);
    assert.deepEqual(entry, { title: "Partnerdag: 2027", start: "2027-01-21T10:00:00+01:00", body: "Body **text**.\n" });
    assert.equal(toFrontMatter(YAML, entry), file);
  });

  test("a file without front matter is all body", () => {
    assert.deepEqual(fromFrontMatter(YAML, "Just text\n"), { body: "Just text\n" });
  });
});

describe("fields in the model's order", () => {
  const fields = [
    { name: "name" },
    { name: "location", fields: [{ name: "city" }, { name: "country" }] },
    { name: "cases", fields: [{ name: "title" }, { name: "year" }] },
  ];

  test("keys follow the fields, nested objects and lists of objects too", () => {
    const data = { cases: [{ year: 1, title: "t" }], location: { country: "NL", city: "Delft" }, name: "N" };
    const ordered = inFieldOrder(data, fields);
    assert.deepEqual(Object.keys(ordered), ["name", "location", "cases"]);
    assert.deepEqual(Object.keys(ordered.location), ["city", "country"]);
    assert.deepEqual(Object.keys(ordered.cases[0]), ["title", "year"]);
  });

  test("a key no field names is kept, last", () => {
    assert.deepEqual(Object.keys(inFieldOrder({ extra: 1, name: "N" }, fields)), ["name", "extra"]);
  });
});

describe("one format per collection", () => {
  const config = {
    collections: [
      { name: "partners", extension: "yaml", format: "copernica-partners", fields: [{ name: "name" }, { name: "website" }] },
      { name: "events", extension: "md", format: "copernica-events", fields: [{ name: "title" }] },
    ],
  };

  test("partner.yaml keeps its schema line and its field order", () => {
    const [partners] = editorFormats(YAML, config);
    assert.equal(partners.name, "copernica-partners");
    const text = partners.toFile({ website: "https://x.example", name: "X" });
    assert.equal(text, "# yaml-language-server: $schema=../../../schemas/partner.schema.json\nname: X\nwebsite: https://x.example\n");
    assert.deepEqual(partners.fromFile(text), { name: "X", website: "https://x.example" });
  });

  test("Markdown collections write front matter and body", () => {
    const [, events] = editorFormats(YAML, config);
    assert.equal(events.toFile({ body: "Hi", title: "T" }), "---\ntitle: T\n---\nHi\n");
  });
});

describe("dates as hand-written files have them", () => {
  test("a date field's date and a start with its offset are written bare", () => {
    const entry = { title: "2027-01-21", date: "2026-10-20", start: "2027-01-21T10:00:00+01:00", body: "" };
    const text = toFrontMatter(YAML, entry, { timestampKeys: ["date", "start"] });
    // The title is text that looks like a date: it stays quoted, so it stays text.
    assert.equal(text, '---\ntitle: "2027-01-21"\ndate: 2026-10-20\nstart: 2027-01-21T10:00:00+01:00\n---\n');
  });

  test("a date field holding something else keeps its quotes", () => {
    assert.equal(toYaml(YAML, { date: "yes" }, "", { timestampKeys: ["date"] }), 'date: "yes"\n');
  });
});

describe("the taxonomies: a mapping of ids as a list of terms", () => {
  const file =
    "# yaml-language-server: $schema=../../schemas/taxonomy.schema.json\n" +
    "training:\n  label: {en: Training, nl: Trainingen}\n  description:\n    en: Courses.\n" +
    "consultancy:\n  label: {en: Consultancy}\n";
  const config = {
    collections: [
      {
        name: "taxonomies",
        format: "copernica-taxonomies",
        extension: "yaml",
        files: [
          {
            name: "expertise",
            fields: [{ name: "terms", fields: [{ name: "id" }, { name: "label" }, { name: "description" }] }],
          },
        ],
      },
    ],
  };

  test("read as terms in the file's order, each with its id", () => {
    const [format] = editorFormats(YAML, config);
    assert.deepEqual(format.fromFile(file), {
      terms: [
        { id: "training", label: { en: "Training", nl: "Trainingen" }, description: { en: "Courses." } },
        { id: "consultancy", label: { en: "Consultancy" } },
      ],
    });
  });

  test("written back byte for byte: header, order, labels on one line", () => {
    const [format] = editorFormats(YAML, config);
    assert.equal(format.toFile(format.fromFile(file)), file);
  });

  test("a new, moved or renamed term lands where the list has it", () => {
    const [format] = editorFormats(YAML, config);
    const entry = format.fromFile(file);
    entry.terms.reverse();
    entry.terms.push({ description: { en: "New." }, label: { en: "Audits" }, id: "audits" });
    const mapping = YAML.parse(format.toFile(entry));
    assert.deepEqual(Object.keys(mapping), ["consultancy", "training", "audits"]);
    assert.deepEqual(Object.keys(mapping.audits), ["label", "description"]);
  });

  test("the list and the mapping are each other's inverse", () => {
    const mapping = { a: { label: { en: "A" } }, b: { label: { en: "B" } } };
    assert.deepEqual(termsToMapping(termsFromMapping(mapping), [{ name: "label" }]), mapping);
  });
});
