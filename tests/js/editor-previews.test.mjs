// The editor's previews (admin/previews.js): each content type's draft as the site's page, with
// the site's classes and words, in English and in Dutch. The labels are made as the build makes
// preview-labels.json: from the theme's translation table and the sample taxonomies.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import * as YAML from "yaml";
import {
  PAGES,
  casePage,
  eventPage,
  findAll,
  libraryItemPage,
  localText,
  pageContext,
  partnerPage,
  previewPage,
  render,
  textOf,
} from "../../theme/static/admin/previews.js";

const read = (path) => YAML.parse(readFileSync(new URL(`../../${path}`, import.meta.url), "utf-8"));
const table = read("theme/translations.yaml");
const taxonomy = { expertise: read("content/taxonomy/expertise.yaml"), industries: read("content/taxonomy/industries.yaml") };
const inLang = (text, lang) => text[lang] ?? text.en;
const LABELS = {
  default: "en",
  languages: ["en", "nl"],
  partners: { fjordvarsel: "Fjordvarsel" },
  labels: Object.fromEntries(
    ["en", "nl"].map((lang) => [
      lang,
      {
        text: Object.fromEntries(Object.entries(table).map(([key, text]) => [key, inLang(text, lang)])),
        ...Object.fromEntries(
          Object.entries(taxonomy).map(([name, terms]) => [
            name,
            Object.fromEntries(Object.entries(terms).map(([id, term]) => [id, inLang(term.label, lang)])),
          ]),
        ),
        countries: lang === "en" ? { NO: "Norway", SE: "Sweden", NL: "Netherlands" } : { NO: "Noorwegen", SE: "Zweden", NL: "Nederland" },
        languages: lang === "en" ? { no: "Norwegian", en: "English", nl: "Dutch" } : { no: "Noors", en: "Engels", nl: "Nederlands" },
      },
    ]),
  ),
};
const ctxIn = (lang, options) => pageContext(LABELS, lang, { asset: (name) => `/files/${name}`, ...options });
const byClass = (tree, name) => findAll({ tag: "root", attrs: {}, children: tree.content }, (n) => (n.attrs.class ?? "").split(" ").includes(name));
const first = (tree, tag) => findAll({ tag: "root", attrs: {}, children: tree.content }, (n) => n.tag === tag)[0];
const slots = (tree) => findAll({ tag: "root", attrs: {}, children: tree.content }, (n) => n.children.some((c) => c.markdown)).map((n) => n.children.find((c) => c.markdown).markdown);

const PARTNER = {
  name: "Fjordvarsel",
  website: "https://www.fjordvarsel.example/",
  tagline: { en: "Bergen's campaign team.", nl: "Het campagneteam uit Bergen." },
  description: { en: "We **run** campaigns.", nl: "Wij **draaien** campagnes." },
  brands: ["whitelabel", "copernica"],
  expertise: ["campaign-management", "training"],
  industries: ["travel"],
  languages: ["no", "en"],
  location: { city: "Bergen", country: "NO" },
  regions: ["SE"],
  contact: { email: "post@fjordvarsel.example", phone: "+4755123456", person: "Ingrid Solheim" },
  logo: "logo.svg",
  founded: 2015,
  accepting_clients: true,
};

describe("a partner's profile", () => {
  test("the name is the heading of the profile's head, the tagline its lead, as on the site", () => {
    const page = partnerPage(PARTNER, ctxIn("en"));
    const [head] = byClass(page, "profile-head");
    assert.equal(findAll(head, (n) => n.tag === "h1").map(textOf).join(), "Fjordvarsel");
    assert.equal(textOf(byClass(page, "lead")[0]), "Bergen's campaign team.");
    assert.deepEqual(byClass(page, "profile-head__logo")[0].attrs.src, "/files/logo.svg");
    assert.equal(textOf(byClass(page, "badge--success")[0]), "Accepting new clients");
    assert.equal(textOf(page.breadcrumbs), "HomePartnersFjordvarsel");
  });

  test("in Dutch: the Dutch texts, the site's Dutch words and labels", () => {
    const page = partnerPage(PARTNER, ctxIn("nl"));
    assert.equal(textOf(byClass(page, "lead")[0]), "Het campagneteam uit Bergen.");
    assert.equal(byClass(page, "lead")[0].attrs.lang, undefined); // in the page's language
    assert.deepEqual(slots(page), [["description", "nl"]]);
    assert.equal(textOf(first(page, "h2")), "Over Fjordvarsel");
    assert.deepEqual(byClass(page, "tag").map(textOf), ["Volledig campagnebeheer", "Trainingen", "Reizen en recreatie"]);
    assert.match(textOf(byClass(page, "profile-head__meta")[0]), /^Bergen, Noorwegen/);
    const facts = textOf(byClass(page, "facts-card")[0]);
    for (const word of ["Noorwegen", "Zweden", "Noors", "Merk Copernica", "2015"]) assert.ok(facts.includes(word), word);
    assert.ok(textOf(byClass(page, "contact-card")[0]).includes("www.fjordvarsel.example"));
  });

  test("where the Dutch is missing, the English shows, marked as English, as the site does", () => {
    const partner = { ...PARTNER, tagline: { en: "Bergen's campaign team.", nl: "" }, description: "Only **English**." };
    const page = partnerPage(partner, ctxIn("nl"));
    const lead = byClass(page, "lead")[0];
    assert.equal(textOf(lead), "Bergen's campaign team.");
    assert.equal(lead.attrs.lang, "en");
    // Tagline and description both in English: one note, under the description's heading.
    assert.deepEqual(byClass(page, "lang-note").map(textOf), ["Alleen beschikbaar in het Engels."]);
    assert.deepEqual(slots(page), [["description"]]);
    assert.equal(byClass(page, "prose")[0].attrs.lang, "en");
  });

  test("a partner not taking clients says so; optional facts are left out when empty", () => {
    const { founded, contact, ...rest } = PARTNER;
    const page = partnerPage({ ...rest, contact: { email: contact.email }, accepting_clients: false }, ctxIn("en"));
    assert.equal(textOf(byClass(page, "badge--muted")[0]), "Not accepting new clients");
    const facts = textOf(byClass(page, "facts-card")[0]);
    assert.ok(!facts.includes("Founded"), facts);
    assert.ok(!textOf(byClass(page, "contact-card")[0]).includes("Phone"));
  });
});

describe("library items, events and cases", () => {
  const ARTICLE = {
    title: "Onderwerpregels die geopend worden",
    date: "2026-03-14",
    summary: "Zo schrijf je ze.",
    lang: "nl",
    author: "Copernica",
    expertise: ["training"],
    industries: ["travel"],
    cover: "cover.svg",
  };

  test("an item is set as its type's page, its date as the site writes it in each language", () => {
    const en = libraryItemPage(ARTICLE, ctxIn("en"), "articles");
    assert.equal(textOf(byClass(en, "eyebrow")[0]), "Article");
    assert.equal(textOf(first(en, "h1")), ARTICLE.title);
    assert.equal(textOf(first(en, "time")), "March 14, 2026");
    assert.equal(first(en, "article").attrs.lang, "nl"); // a Dutch text on an English page
    assert.deepEqual(byClass(en, "lang-note").map(textOf), ["Only available in Dutch."]);
    assert.deepEqual(slots(en), [["body"]]);
    const nl = libraryItemPage(ARTICLE, ctxIn("nl"), "articles");
    assert.equal(textOf(byClass(nl, "eyebrow")[0]), "Artikel");
    assert.equal(textOf(first(nl, "time")), "14 maart 2026");
    assert.deepEqual(byClass(nl, "lang-note"), []);
    assert.ok(textOf(byClass(nl, "case-meta")[0]).includes("Reizen en recreatie"));
  });

  test("a whitepaper has its download card; each library collection its own eyebrow", () => {
    const paper = PAGES.whitepapers({ ...ARTICLE, lang: "en", file: "paper.pdf" }, ctxIn("en"));
    assert.equal(textOf(byClass(paper, "eyebrow")[0]), "Whitepaper");
    assert.equal(byClass(paper, "download-card").length, 1);
    assert.equal(textOf(byClass(PAGES["best-practices"](ARTICLE, ctxIn("en")), "eyebrow")[0]), "Best practice");
  });

  const EVENT = {
    title: "Partnerdag 2027",
    summary: "De jaarlijkse dag.",
    lang: "nl",
    kind: "seminar",
    start: "2027-01-21T10:00:00+01:00",
    end: "2027-01-21T16:30:00+01:00",
    timezone: "Europe/Amsterdam",
    venue: "Zaal De Kade",
    city: "Amsterdam",
    country: "NL",
  };

  test("an event: when, in its own time zone, and where, in the page's language", () => {
    const en = eventPage(EVENT, ctxIn("en", { today: "2026-12-01" }));
    const facts = textOf(byClass(en, "event-facts")[0]);
    assert.ok(facts.includes("Thursday, January 21, 2027, 10:00–16:30 Central European Standard Time (UTC+01:00)"), facts);
    assert.ok(facts.includes("Zaal De Kade, Amsterdam, Netherlands"), facts);
    assert.equal(byClass(en, "event__actions").length, 1);
    const nl = eventPage(EVENT, ctxIn("nl", { today: "2026-12-01" }));
    assert.ok(textOf(byClass(nl, "event-facts")[0]).includes("donderdag 21 januari 2027, 10:00–16:30 uur"));
  });

  test("an event of several days: the range of dates, as the site writes it", () => {
    const fair = { ...EVENT, kind: "fair", start: "2027-03-30T09:00:00+02:00", end: "2027-04-01T17:00:00+02:00" };
    const nl = textOf(byClass(eventPage(fair, ctxIn("nl")), "event-facts")[0]);
    assert.ok(nl.includes("30 mrt\u2009–\u20091 apr 2027, van 09:00 uur op de eerste dag tot 17:00 uur op de laatste"), nl);
    assert.ok(nl.includes("Vakbeurs"), nl);
  });

  test("an event that is over says so instead of offering registration", () => {
    const page = eventPage(EVENT, ctxIn("en", { today: "2027-01-22" }));
    assert.equal(byClass(page, "event__actions").length, 0);
    assert.equal(textOf(byClass(page, "badge--muted")[0]), "This event has taken place.");
  });

  test("a case names its partner as the site does; an unknown partner is left out", () => {
    const item = { title: "Repeat bookings", date: "2026-03-14", summary: "S.", partner: "fjordvarsel", industry: "travel", lang: "en" };
    const page = casePage(item, ctxIn("nl"));
    assert.equal(textOf(byClass(page, "eyebrow")[0]), "Case");
    assert.equal(textOf(byClass(page, "case-partner__name")[0]), "Fjordvarsel");
    assert.ok(textOf(byClass(page, "case-meta")[0]).includes("Reizen en recreatie"));
    assert.equal(byClass(casePage({ ...item, partner: "nobody" }, ctxIn("en")), "case-partner").length, 0);
  });
});

describe("the preview pane", () => {
  test("a language switch: the current language marked, the other a link that picks it", () => {
    const chosen = [];
    const tree = previewPage(partnerPage(PARTNER, ctxIn("en")), ctxIn("en"), (code) => chosen.push(code));
    assert.equal(tree.attrs.lang, "en");
    assert.equal(textOf(findAll(tree, (n) => n.attrs.class === "lang-switch__current")[0]), "English");
    const [link] = findAll(tree, (n) => n.attrs.class === "lang-switch__link");
    assert.equal(textOf(link), "Nederlands");
    link.attrs.onClick({ preventDefault() {} });
    assert.deepEqual(chosen, ["nl"]);
  });

  test("render hands texts and attributes to h as values; a slot gets Decap's rendering", () => {
    const calls = [];
    const h = (tag, props, ...children) => {
      calls.push({ tag, props, children });
      return { tag, props, children };
    };
    const tree = previewPage(partnerPage(PARTNER, ctxIn("en")), ctxIn("en"), () => {});
    const out = render(h, tree, (path) => `rendered ${path.join(".")}`);
    assert.equal(out.tag, "div");
    const heading = calls.find((c) => c.tag === "h1");
    assert.deepEqual(heading.children, ["Fjordvarsel"]);
    assert.ok(calls.some((c) => c.props.className === "profile-head"));
    assert.ok(calls.some((c) => c.children.includes("rendered description.en")));
    assert.ok(calls.every((c) => !("dangerouslySetInnerHTML" in c.props)));
  });

  test("nothing typed becomes markup, an address or a link: text stays text", () => {
    const evil = "<img src=x onerror=alert(1)>";
    const partner = {
      ...PARTNER,
      name: evil,
      website: "javascript:alert(1)",
      logo: "https://evil.example/x.png",
      contact: { email: "a@b.example", phone: evil },
      tagline: { en: evil },
    };
    const tree = previewPage(partnerPage(partner, ctxIn("en")), ctxIn("en"), () => {});
    const elements = findAll(tree, () => true);
    for (const node of elements) {
      assert.ok(!["script", "img", "iframe"].includes(node.tag), node.tag); // the logo is not a file name
      for (const [name, value] of Object.entries(node.attrs)) {
        if (name === "onClick") continue;
        assert.ok(!String(value).includes("alert"), `${node.tag} ${name}=${value}`);
        assert.ok(name !== "href" || value === "#", `${node.tag} href=${value}`);
      }
    }
    assert.ok(textOf(tree).includes(evil));
  });

  test("two-language texts fall back as the site's do", () => {
    assert.deepEqual(localText({ en: "E", nl: "N" }, "nl"), { text: "N", lang: "nl" });
    assert.deepEqual(localText({ en: "E" }, "nl"), { text: "E", lang: "en" });
    assert.deepEqual(localText({ nl: "N" }, "en"), { text: "N", lang: "nl" });
    assert.deepEqual(localText("Plain", "nl"), { text: "Plain", lang: "en" });
    assert.deepEqual(localText(undefined, "nl"), { text: "", lang: "nl" });
  });
});
