// A small directory in both languages, shaped like the build's partner store and index
// documents (plugins/copernica_directory/search/documents.py), for the unit tests.
import { PARTNER_CORE_FIELDS, PARTNER_TEXT_FIELDS, buildEntry } from "./lunr-env.mjs";

export const LABELS = {
  en: {
    expertise: {
      training: "Training",
      "template-development": "Template development",
      "crm-integration": "CRM integration",
      "campaign-management": "Campaign management",
      deliverability: "Deliverability",
    },
    country: { NL: "Netherlands", BE: "Belgium", NO: "Norway", SE: "Sweden", DE: "Germany", DK: "Denmark" },
    language: { nl: "Dutch", en: "English", no: "Norwegian", de: "German", da: "Danish" },
    brand: { whitelabel: "White label", copernica: "Copernica" },
  },
  nl: {
    expertise: {
      training: "Trainingen",
      "template-development": "Sjablonen en templates",
      "crm-integration": "CRM-koppeling",
      "campaign-management": "Campagnebeheer",
      deliverability: "Bezorgbaarheid",
    },
    country: { NL: "Nederland", BE: "België", NO: "Noorwegen", SE: "Zweden", DE: "Duitsland", DK: "Denemarken" },
    language: { nl: "Nederlands", en: "Engels", no: "Noors", de: "Duits", da: "Deens" },
    brand: { whitelabel: "White label", copernica: "Copernica" },
  },
};

// As the store lists them: in the directory's (name) order. `rank` as model/ranking.py makes
// it with a prior of 4.0 over 5 reviews.
export const STORE_PARTNERS = [
  {
    slug: "bolgen-digital", name: "Bølgen Digital", city: "Aarhus", country: "DK",
    expertise: ["crm-integration"], languages: ["da", "en"], brands: ["copernica"],
    rating: { average: 5, count: 1 }, rank: 4.1667,
    tagline: { en: "Customer data joined up", nl: "Klantdata aan elkaar geknoopt" },
    description: { en: "We connect Copernica to Dynamics and HubSpot.", nl: "" },
  },
  {
    slug: "fjordvarsel", name: "Fjordvarsel", city: "Bergen", country: "NO", countries: ["SE", "DK"],
    expertise: ["training", "deliverability"], languages: ["no", "en"], brands: ["whitelabel"],
    rating: { average: 3.2, count: 3 }, rank: 3.7,
    tagline: { en: "Deliverability training for the north", nl: "" },
    description: { en: "Inbox placement workshops for travel brands.", nl: "" },
  },
  {
    slug: "grachtwerk", name: "Grachtwerk", city: "Amsterdam", country: "NL", countries: ["BE"],
    expertise: ["template-development", "crm-integration"], languages: ["nl", "en"], brands: ["copernica"],
    rating: { average: 4.6, count: 5 }, rank: 4.3,
    tagline: { en: "Templates and CRM links for retailers", nl: "Sjablonen en CRM-koppelingen voor winkels" },
    description: { en: "Responsive templates your editors fill in.", nl: "Responsieve sjablonen die redacteuren zelf vullen." },
  },
  {
    slug: "isar-mail", name: "Isar Mail", city: "München", country: "DE",
    expertise: ["crm-integration", "campaign-management"], languages: ["de", "en"], brands: ["copernica"],
    accepting: false,
    tagline: { en: "Campaigns from Bavaria", nl: "" },
    description: { en: "Full service campaigns and Salesforce integration.", nl: "" },
  },
  {
    slug: "maasmail", name: "Maasmail", city: "Rotterdam", country: "NL",
    expertise: ["training", "campaign-management"], languages: ["nl"], brands: ["whitelabel", "copernica"],
    rating: { average: null, count: 0 }, rank: null,
    tagline: { en: "", nl: "Trainingen en campagnes vanuit Rotterdam" },
    description: { en: "", nl: "Wij trainen marketeers in het maken van nieuwsbrieven." },
  },
];

const local = (text, lang) => text[lang] || text.en || text.nl || "";

/** The store of one page language: labels and partners as search.js reads them. */
export function store(lang) {
  return {
    labels: LABELS[lang],
    partners: STORE_PARTNERS.map((p) => Object.assign({}, p, {
      url: (lang === "en" ? "" : "/" + lang) + "/partners/" + p.slug + "/",
      tagline: local(p.tagline, lang),
      description: undefined,
    })),
  };
}

/** A partner as an index document in `lang` (texts in the other language where it has none). */
export function document(p, lang) {
  const labels = LABELS[lang];
  const countries = [p.country].concat(p.countries || []);
  return {
    slug: p.slug,
    name: p.name,
    expertise: p.expertise.map((id) => labels.expertise[id]).join(" "),
    tagline: local(p.tagline, lang),
    facts: [p.city, ...countries.map((c) => labels.country[c]), ...p.languages.map((l) => labels.language[l])].join(" "),
    description: local(p.description, lang),
  };
}

/** The four partner indexes of the build: core and text, English and Dutch. */
export function partnerIndexes() {
  const entries = [];
  for (const lang of ["en", "nl"]) {
    const documents = STORE_PARTNERS.map((p) => document(p, lang));
    entries.push(buildEntry("partners-" + lang, lang, PARTNER_CORE_FIELDS, documents));
    entries.push(buildEntry("partners-text-" + lang, lang, PARTNER_TEXT_FIELDS, documents));
  }
  return entries;
}
