/**
 * The editor's previews: a draft set as the page it becomes, in English or Dutch.
 *
 * Pure functions turn an entry's data (a plain object, as in the file) and a language into a
 * description of the page: elements with the tags and classes of the site's own templates
 * (theme/templates: partner.html, library_item.html, event.html, case.html), so the site's
 * stylesheet sets them as on the site. Words come from the labels the build writes
 * (/admin/preview-labels.json: the theme's UI strings, the taxonomies' labels, country and
 * language names). render() turns a description into elements with the h() it is given
 * (Decap's React), which escapes every text and attribute; Markdown is never turned into HTML
 * here: a slot names the field, and Decap's own preview of it (sanitised) fills it.
 *
 * What a page shows from other files (a partner's cases and reviews, a library item's related
 * items) is left out, and links are not followed: the preview pane stays on the draft.
 */

/** An element: tag, attributes and children (text, elements, slots); empty ones dropped. */
export function el(tag, attrs, ...children) {
  const kept = children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false && c !== "");
  return { tag, attrs: attrs ?? {}, children: kept };
}

/** Where Decap's rendering of a Markdown field goes: ["body"], or ["description", "nl"]. */
export function markdown(...path) {
  return { markdown: path };
}

/** `template` with its {name} placeholders filled, as Python's str.format does. */
export function format(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

const present = (text) => typeof text === "string" && text.trim() !== "";

/**
 * A two-language text ({en, nl}, or a plain string, which is English) in `lang`: the text
 * and the language it is in. As the site does (LocalText): the language asked for, else the
 * default language, else any other it has.
 */
export function localText(value, lang, languages = ["en", "nl"]) {
  if (typeof value === "string") return { text: value, lang: languages[0] };
  const texts = value && typeof value === "object" ? value : {};
  for (const code of [lang, ...languages, ...Object.keys(texts)]) {
    if (present(texts[code])) return { text: texts[code], lang: code };
  }
  return { text: "", lang };
}

/**
 * What a page in `lang` needs besides the entry: labels by id, the site's UI strings,
 * `asset` (a file beside the entry -> the address to show it from) and `today` (YYYY-MM-DD,
 * whether an event is still to come).
 */
export function pageContext(data, lang, { asset = (name) => name, today = "" } = {}) {
  const labels = data.labels[lang] ?? data.labels[data.default];
  const named = (table) => (id) => labels[table]?.[id] ?? id;
  return {
    lang,
    languages: data.languages,
    t: (key, values) => format(labels.text[key] ?? key, values),
    // The site's language_own_name: each language's name in itself, for the switch.
    ownName: (code) => data.labels[code]?.text.language_own_name ?? code,
    expertise: named("expertise"),
    industry: named("industries"),
    country: named("countries"),
    language: named("languages"),
    partnerName: (slug) => data.partners?.[slug],
    // Only a file name beside the entry is shown, as the model allows; never an address.
    asset: (name) => (typeof name === "string" && /^[\w][\w.-]*$/.test(name) ? asset(name) : null),
    today,
  };
}

const list = (value) => (Array.isArray(value) ? value : []);
const langAttr = (code, ctx) => (code && code !== ctx.lang ? { lang: code } : {});

/** The note the site shows where a text is in another language than the page. */
function langNote(code, ctx) {
  if (!code || code === ctx.lang) return null;
  return el("p", { class: "lang-note", lang: ctx.lang }, ctx.t("language_note", { language: ctx.language(code) }));
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const MOMENT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function toDay(value) {
  const text = value instanceof Date ? value.toISOString() : String(value ?? "");
  const match = DAY.exec(text);
  return match ? { iso: match[0], utc: Date.UTC(+match[1], +match[2] - 1, +match[3]) } : null;
}

/** A date as the site writes it (Babel's "long" format of the page language). */
export function dateText(value, lang) {
  const day = toDay(value);
  if (!day) return String(value ?? "");
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(day.utc);
}

function timeEl(value, ctx) {
  const day = toDay(value);
  return day ? el("time", { datetime: day.iso }, dateText(value, ctx.lang)) : null;
}

/** A local time with its offset (an event's start): its day, clock time and offset, read
 * from the text itself, which is in the event's own time zone. */
function moment(value) {
  const text = value instanceof Date ? value.toISOString() : String(value ?? "");
  const match = MOMENT.exec(text);
  if (!match) return null;
  const [, y, m, d, hh, mm, zone = "Z"] = match;
  const offset = zone === "Z" ? "+00:00" : zone.replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
  const sign = offset[0] === "-" ? -1 : 1;
  const minutes = sign * (+offset.slice(1, 3) * 60 + +offset.slice(4, 6));
  return {
    iso: text,
    day: Date.UTC(+y, +m - 1, +d),
    date: `${y}-${m}-${d}`,
    clock: `${hh}:${mm}`,
    // The site writes a negative offset with a minus sign (utc_offset()).
    offset: offset.replace("-", "\u2212"),
    instant: Date.UTC(+y, +m - 1, +d, +hh, +mm) - minutes * 60_000,
  };
}

/** When an event takes place, as the site's `when` macro writes it. */
export function eventWhen(event, ctx) {
  const start = moment(event.start);
  const end = moment(event.end);
  if (!start || !end) return null;
  const multiDay = start.date !== end.date;
  // As Babel writes them for the site: a full date, or a range with short months.
  const dates = multiDay
    ? new Intl.DateTimeFormat(ctx.lang, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).formatRange(
        start.day,
        end.day,
      )
    : new Intl.DateTimeFormat(ctx.lang, { dateStyle: "full", timeZone: "UTC" }).format(start.day);
  const times = ctx.t(multiDay ? "event_times_days" : "event_times", { start: start.clock, end: end.clock });
  let zoneName = "";
  try {
    if (event.timezone) {
      const parts = new Intl.DateTimeFormat(ctx.lang, { timeZone: event.timezone, timeZoneName: "long" });
      zoneName = parts.formatToParts(start.instant).find((p) => p.type === "timeZoneName")?.value ?? "";
    }
  } catch {
    zoneName = ""; // a time zone the browser does not know: the offset alone, as the site does
  }
  const zone = zoneName
    ? ctx.t("event_zone", { zone: zoneName, offset: start.offset })
    : ctx.t("event_zone_offset", { offset: start.offset });
  return [el("time", { datetime: start.iso }, dates), ", ", times, " ", el("span", { class: "event-zone" }, zone)];
}

function breadcrumbs(ctx, trail, current, currentLang) {
  return el(
    "nav",
    { class: "breadcrumbs", "aria-label": ctx.t("breadcrumbs_label") },
    el(
      "div",
      { class: "container" },
      el(
        "ol",
        {},
        el("li", {}, el("a", {}, ctx.t("nav_home"))),
        trail.map((key) => el("li", {}, el("a", {}, ctx.t(key)))),
        el("li", {}, el("span", { "aria-current": "page", ...langAttr(currentLang, ctx) }, current)),
      ),
    ),
  );
}

function meta(label, ...value) {
  return el("div", {}, el("dt", {}, label), el("dd", {}, ...value));
}

const inlineList = (items) => el("ul", { class: "inline-list" }, items.map((item) => el("li", {}, el("a", {}, item))));

function brandLabel(brand, ctx) {
  return brand === "whitelabel" || brand === "copernica" ? ctx.t(`brand_${brand}`) : brand;
}

/** A partner's profile page (partner.html). */
export function partnerPage(partner, ctx) {
  const name = partner.name ?? "";
  const tagline = localText(partner.tagline, ctx.lang, ctx.languages);
  const description = localText(partner.description, ctx.lang, ctx.languages);
  const location = partner.location ?? {};
  const contact = partner.contact ?? {};
  const logo = ctx.asset(partner.logo);
  const accepting = partner.accepting_clients !== false;
  const countries = [location.country, ...list(partner.regions).filter((r) => r !== location.country)].filter(Boolean);
  const descriptionSlot = typeof partner.description === "string" ? markdown("description") : markdown("description", description.lang);
  const website = String(partner.website ?? "");

  const head = el(
    "div",
    { class: "profile-head" },
    el(
      "div",
      { class: `container profile-head__inner${logo ? " profile-head__inner--logo" : ""}` },
      logo &&
        el("img", {
          class: "profile-head__logo",
          src: logo,
          alt: ctx.t("partner_logo_alt", { name }),
          width: "120",
          height: "120",
        }),
      el(
        "div",
        { class: "profile-head__text" },
        el("h1", {}, name),
        el("p", { class: "lead", ...langAttr(tagline.lang, ctx) }, tagline.text),
        tagline.lang !== description.lang && langNote(tagline.lang, ctx),
        el(
          "p",
          { class: "profile-head__meta" },
          el("span", {}, ctx.t("partner_location", { city: location.city ?? "", country: ctx.country(location.country) })),
          accepting
            ? el("span", { class: "badge badge--success" }, ctx.t("partner_accepting"))
            : el("span", { class: "badge badge--muted" }, ctx.t("partner_not_accepting")),
        ),
      ),
      el(
        "div",
        { class: "choose-card" },
        el("a", { class: "button button--accent button--large button--block" }, ctx.t("partner_choose")),
        el("p", { class: "choose-card__note" }, ctx.t("partner_choose_note", { name })),
      ),
    ),
  );

  const main = el(
    "div",
    { class: "layout-sidebar__main" },
    el(
      "section",
      { class: "profile-section", "aria-labelledby": "about-heading" },
      el("h2", { id: "about-heading" }, ctx.t("partner_about", { name })),
      langNote(description.lang, ctx),
      el("div", { class: "prose", ...langAttr(description.lang, ctx) }, descriptionSlot),
    ),
    el(
      "section",
      { class: "profile-section", "aria-labelledby": "expertise-heading" },
      el("h2", { id: "expertise-heading" }, ctx.t("partner_expertise")),
      el(
        "ul",
        { class: "tag-list tag-list--links" },
        list(partner.expertise).map((id) => el("li", {}, el("a", { class: "tag" }, ctx.expertise(id)))),
      ),
      list(partner.industries).length > 0 && [
        el("h3", {}, ctx.t("partner_industries")),
        el(
          "ul",
          { class: "tag-list" },
          list(partner.industries).map((id) => el("li", { class: "tag tag--plain" }, ctx.industry(id))),
        ),
      ],
    ),
  );

  const facts = el(
    "div",
    { class: "card facts-card" },
    el("h2", { id: "facts-heading", class: "aside-title" }, ctx.t("partner_facts")),
    el(
      "dl",
      { class: "facts" },
      meta(ctx.t("partner_based_in"), `${location.city ?? ""}, `, el("a", {}, ctx.country(location.country))),
      meta(ctx.t("partner_countries_served"), inlineList(countries.map(ctx.country))),
      meta(ctx.t("partner_languages"), inlineList(list(partner.languages).map(ctx.language))),
      meta(
        ctx.t("partner_brand_model"),
        el("ul", { class: "plain-list" }, list(partner.brands).map((b) => el("li", {}, brandLabel(b, ctx)))),
      ),
      partner.founded ? meta(ctx.t("partner_founded"), String(partner.founded)) : null,
      meta(ctx.t("partner_new_clients"), ctx.t(accepting ? "partner_accepting" : "partner_not_accepting")),
    ),
  );
  const contactCard = el(
    "div",
    { class: "card contact-card" },
    el("h2", { class: "aside-title" }, ctx.t("partner_contact")),
    el(
      "dl",
      { class: "facts" },
      contact.person ? meta(ctx.t("partner_contact_person"), contact.person) : null,
      meta(ctx.t("partner_contact_email"), el("a", {}, contact.email ?? "")),
      // As stored (E.164); the site groups the digits by the country's numbering plan.
      contact.phone ? meta(ctx.t("partner_contact_phone"), el("a", {}, contact.phone)) : null,
      meta(ctx.t("partner_website"), el("a", {}, website.replace("https://", "").replace(/^\/+|\/+$/g, ""))),
    ),
  );
  const aside = el("aside", { class: "layout-sidebar__aside", "aria-labelledby": "facts-heading" }, facts, contactCard);

  return {
    breadcrumbs: breadcrumbs(ctx, ["nav_partners"], name),
    content: [head, el("div", { class: "container layout-sidebar layout-sidebar--profile" }, main, aside)],
  };
}

/** The header a library item and a case share (library_item.html, case.html): eyebrow,
    title, summary, the language note, the facts and the cover beside them. */
function itemHead({ headClass, eyebrow, title, lang, cover, coverAlt }, item, metaList, ctx) {
  return el(
    "header",
    { class: headClass },
    el(
      "div",
      { class: `container container--narrow${cover ? " library-item__head--cover" : ""}` },
      el(
        "div",
        {},
        el("p", { class: "eyebrow", lang: ctx.lang }, eyebrow),
        el("h1", {}, title),
        el("p", { class: "lead" }, item.summary ?? ""),
        langNote(lang, ctx),
        el("dl", { class: "case-meta", lang: ctx.lang }, metaList),
      ),
      cover && el("img", { class: "library-item__cover", src: cover, alt: coverAlt, width: "240", height: "340" }),
    ),
  );
}

const TYPE_KEY = { articles: "articles", "best-practices": "best_practices", whitepapers: "whitepapers" };

/** A library item's page (library_item.html): an article, a best practice or a whitepaper. */
export function libraryItemPage(item, ctx, type) {
  const title = item.title ?? "";
  const lang = item.lang || ctx.languages[0];
  const cover = ctx.asset(item.cover);
  const typeOne = TYPE_KEY[type] ? ctx.t(`library_type_one_${TYPE_KEY[type]}`) : type;
  const metaList = [
    meta(ctx.t("library_published"), timeEl(item.date, ctx)),
    item.author ? el("div", {}, el("dt", {}, ctx.t("library_author")), el("dd", langAttr(lang, ctx), item.author)) : null,
    lang !== ctx.lang ? meta(ctx.t("library_language"), ctx.language(lang)) : null,
    list(item.expertise).length ? meta(ctx.t("library_expertise"), inlineList(list(item.expertise).map(ctx.expertise))) : null,
    list(item.industries).length ? meta(ctx.t("library_industries"), inlineList(list(item.industries).map(ctx.industry))) : null,
  ];
  const head = itemHead(
    { headClass: "case__head library-item__head", eyebrow: typeOne, title, lang, cover, coverAlt: ctx.t("library_cover_alt", { title }) },
    item,
    metaList,
    ctx,
  );
  // The size is the uploaded file's, known once the site is built.
  const download =
    item.file &&
    el(
      "aside",
      { class: "card download-card", "aria-labelledby": "download-heading", lang: ctx.lang },
      el("h2", { id: "download-heading", class: "aside-title" }, ctx.t("library_download_heading")),
      el("p", { class: "download-card__text" }, ctx.t("library_download_text")),
      el(
        "p",
        { class: "download-card__action" },
        el("a", { class: "button button--accent" }, ctx.t("library_download", { size: "\u2026" })),
      ),
    );
  return {
    breadcrumbs: breadcrumbs(ctx, ["nav_library", `library_type_${TYPE_KEY[type] ?? type}`], title, lang),
    content: [
      el(
        "article",
        { class: "library-item", ...langAttr(lang, ctx) },
        head,
        el("div", { class: "container container--narrow" }, download, el("div", { class: "prose library-item__body" }, markdown("body"))),
      ),
      el("div", { class: "container container--narrow" }, el("p", {}, el("a", { class: "back-link" }, ctx.t("library_back")))),
    ],
  };
}

const KINDS = ["seminar", "fair", "webinar"];

/** An event's page (event.html). */
export function eventPage(event, ctx) {
  const title = event.title ?? "";
  const lang = event.lang || ctx.languages[0];
  const kind = KINDS.includes(event.kind) ? ctx.t(`event_kind_${event.kind}`) : (event.kind ?? "");
  const end = moment(event.end);
  // Not over yet: it ends today or later, in its own time zone (Event.is_upcoming).
  const upcoming = !end || !ctx.today || end.date >= ctx.today;
  const where = [event.venue, event.address, event.city, event.country && ctx.country(event.country)]
    .filter(Boolean)
    .join(", ");
  const facts = el(
    "dl",
    { class: "case-meta event-facts", lang: ctx.lang },
    meta(ctx.t("event_when"), eventWhen(event, ctx)),
    meta(ctx.t("event_where"), where),
    meta(ctx.t("event_kind"), kind),
    event.kind === "fair" ? meta(ctx.t("event_desks"), ctx.t(event.stand_desks ? "event_desks_yes" : "event_desks_no")) : null,
  );
  const actions = upcoming
    ? el(
        "p",
        { class: "event__actions", lang: ctx.lang },
        el("a", { class: "button button--accent button--large" }, ctx.t("event_register")),
        el("a", { class: "button button--ghost button--large" }, ctx.t("event_add_to_calendar")),
      )
    : el("p", { class: "badge badge--muted", lang: ctx.lang }, ctx.t("event_past"));
  const desk =
    event.stand_desks &&
    upcoming &&
    el(
      "aside",
      { class: "card desk-card", "aria-labelledby": "desk-heading", lang: ctx.lang },
      el("h2", { id: "desk-heading", class: "aside-title" }, ctx.t("event_desk_heading")),
      el("p", {}, ctx.t("event_desk_text")),
      event.desk_booking
        ? el("p", {}, el("a", { class: "button button--primary" }, ctx.t("event_desk_book")))
        : el("p", {}, ctx.t("event_desk_ask")),
    );
  return {
    breadcrumbs: breadcrumbs(ctx, ["nav_events"], title, lang),
    content: [
      el(
        "article",
        { class: "event", ...langAttr(lang, ctx) },
        el(
          "header",
          { class: "case__head" },
          el(
            "div",
            { class: "container container--narrow" },
            el("p", { class: "eyebrow", lang: ctx.lang }, kind),
            el("h1", {}, title),
            el("p", { class: "lead" }, event.summary ?? ""),
            langNote(lang, ctx),
            facts,
            actions,
          ),
        ),
        el(
          "div",
          { class: "container container--narrow" },
          desk,
          el("div", { class: "prose" }, markdown("body")),
          el("p", {}, el("a", { class: "back-link" }, ctx.t("event_back"))),
        ),
      ),
    ],
  };
}

/** A case's page (case.html). */
export function casePage(item, ctx) {
  const title = item.title ?? "";
  const lang = item.lang || ctx.languages[0];
  const cover = ctx.asset(item.cover);
  const partner = item.partner ? ctx.partnerName(item.partner) : undefined;
  const metaList = [
    meta(ctx.t("case_published"), timeEl(item.date, ctx)),
    item.customer ? meta(ctx.t("case_customer"), item.customer) : null,
    partner ? meta(ctx.t("case_partner"), el("a", {}, partner)) : null,
    item.industry ? meta(ctx.t("case_industry"), ctx.industry(item.industry)) : null,
    list(item.expertise).length ? meta(ctx.t("case_expertise"), inlineList(list(item.expertise).map(ctx.expertise))) : null,
  ];
  // The partner's card: its name, with the monogram the site shows for a partner without
  // a logo (the logo and tagline are the partner's files, not the case's).
  const partnerCard =
    partner &&
    el(
      "aside",
      { class: "card case-partner", "aria-labelledby": "case-partner-heading" },
      el("h2", { id: "case-partner-heading", class: "aside-title" }, ctx.t("case_about_partner")),
      el(
        "div",
        { class: "case-partner__body" },
        el("span", { class: "partner-logo partner-logo--placeholder", "aria-hidden": "true" }, partner.slice(0, 1)),
        el("div", {}, el("p", { class: "case-partner__name" }, el("a", {}, partner))),
      ),
      el(
        "p",
        { class: "case-partner__actions" },
        el("a", { class: "button button--primary" }, ctx.t("case_view_partner", { name: partner })),
        el("a", { class: "button button--accent" }, ctx.t("partner_choose")),
      ),
    );
  return {
    breadcrumbs: breadcrumbs(ctx, ["nav_cases"], title, lang),
    content: [
      el(
        "article",
        { class: "case", ...langAttr(lang, ctx) },
        itemHead(
          { headClass: "case__head", eyebrow: ctx.t("case_eyebrow"), title, lang, cover, coverAlt: ctx.t("case_cover_alt", { title }) },
          item,
          metaList,
          ctx,
        ),
        el("div", { class: "container container--narrow" }, el("div", { class: "prose case__body" }, markdown("body"))),
      ),
      el(
        "div",
        { class: "container container--narrow" },
        partnerCard,
        el("p", {}, el("a", { class: "back-link" }, ctx.t("case_back"))),
      ),
    ],
  };
}

/** The page of each collection of the editor (editor/config.yml) that has a preview. */
export const PAGES = {
  partners: partnerPage,
  cases: casePage,
  articles: (data, ctx) => libraryItemPage(data, ctx, "articles"),
  "best-practices": (data, ctx) => libraryItemPage(data, ctx, "best-practices"),
  whitepapers: (data, ctx) => libraryItemPage(data, ctx, "whitepapers"),
  events: eventPage,
};

/**
 * The preview pane's page: a switch between the site languages (the site's own classes),
 * the breadcrumbs and the page, in `ctx.lang`. `choose(code)` is called when a language is
 * picked.
 */
export function previewPage(page, ctx, choose) {
  const switcher = el(
    "nav",
    { "aria-label": ctx.t("language_switch_label") },
    el(
      "ul",
      { class: "lang-switch__list" },
      ctx.languages.map((code) =>
        el(
          "li",
          {},
          code === ctx.lang
            ? el("span", { class: "lang-switch__current", lang: code, "aria-current": "true" }, ctx.ownName(code))
            : el(
                "a",
                {
                  class: "lang-switch__link",
                  href: "#",
                  hreflang: code,
                  lang: code,
                  onClick: (event) => {
                    event?.preventDefault?.();
                    choose(code);
                  },
                },
                ctx.ownName(code),
              ),
        ),
      ),
    ),
  );
  return el(
    "div",
    { lang: ctx.lang, class: "editor-preview" },
    el("header", { class: "site-header" }, el("div", { class: "container" }, switcher)),
    page.breadcrumbs,
    el("main", { id: "main" }, page.content),
  );
}

// The few attributes whose React names differ from HTML's.
const PROP_NAMES = { class: "className", datetime: "dateTime", hreflang: "hrefLang", for: "htmlFor" };

/**
 * `node` as elements made by `h` (React's createElement, as Decap exposes it): texts and
 * attributes as values, which React escapes. `slot(path)` gives what fills a Markdown slot.
 */
export function render(h, node, slot) {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (node.markdown) return slot(node.markdown) ?? null;
  const props = {};
  for (const [name, value] of Object.entries(node.attrs)) props[PROP_NAMES[name] ?? name] = value;
  return h(node.tag, props, ...node.children.map((child) => render(h, child, slot)));
}

/** The text of a description, as a reader sees it (for tests and the like). */
export function textOf(node) {
  if (typeof node === "string") return node;
  if (!node || node.markdown) return "";
  return node.children.map(textOf).join("");
}

/** Every element of `node` (itself first) for which `test` holds. */
export function findAll(node, test) {
  if (!node || typeof node !== "object" || node.markdown) return [];
  return [...(test(node) ? [node] : []), ...node.children.flatMap((child) => findAll(child, test))];
}
