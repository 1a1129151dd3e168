/*
 * Rendering results: partner and case cards, the result list and "Show more". The DOM is
 * reached only through the `document` and the elements passed in.
 *
 * Safety: content is never parsed as HTML. Every node is built with createElement and filled
 * with textContent or text nodes; URLs from the data are checked before use (safeUrl).
 */

export const PAGE_SIZE = 20; // results shown at first, and added by "Show more"

/** Only site-relative or http(s) URLs from the data are ever used. */
export function safeUrl(url) {
  return typeof url === "string" && /^(\/(?!\/)|https?:\/\/)/i.test(url) ? url : null;
}

/** A new element of `document`, with a class and its text (textContent) if given. */
export function element(document, tag, className, content) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (content !== undefined && content !== null) {
    node.textContent = content;
  }
  return node;
}

export function setText(node, value) {
  if (node.textContent !== value) {
    node.textContent = value;
  }
}

/** Builds the cards of one page: `lang` the page language, `labels` the store's labels,
    `i18n` the page's texts (i18n.js translator), `marker` what to highlight (highlight.js). */
export class Cards {
  constructor({ document, lang, labels, i18n, marker }) {
    this.document = document;
    this.lang = lang;
    this.labels = labels;
    this.i18n = i18n;
    this.marker = marker;
  }

  el(tag, className, content) {
    return element(this.document, tag, className, content);
  }

  label(table, value) {
    return (this.labels[table] || {})[value] || value;
  }

  /** Appends `value` to `parent`, the words that matched in <mark> (text nodes only). */
  highlight(parent, value, terms) {
    this.marker.segments(value, terms).forEach(([piece, marked]) => {
      parent.appendChild(marked ? this.el("mark", "", piece) : this.document.createTextNode(piece));
    });
    return parent;
  }

  /** A translated text with {placeholders}, the values highlighted. */
  fill(parent, key, values, terms) {
    this.i18n.template(key).split(/(\{[a-z_]+\})/).forEach((part) => {
      const name = /^\{([a-z_]+)\}$/.exec(part);
      if (name && Object.prototype.hasOwnProperty.call(values, name[1])) {
        this.highlight(parent, values[name[1]], terms);
      } else if (part) {
        parent.appendChild(this.document.createTextNode(part));
      }
    });
    return parent;
  }

  langAttr(node, textLang) {
    if (textLang && textLang !== this.lang) {
      node.lang = textLang;
    }
    return node;
  }

  /** A text in another language than the page's is tagged with that language's name, as on
      the server-rendered cards (a visible note, in the page's language). */
  appendLangTag(node, textLang) {
    if (!textLang || textLang === this.lang) {
      return;
    }
    const tag = this.el("span", "lang-tag", this.label("text_language", textLang));
    tag.lang = this.lang;
    node.appendChild(this.document.createTextNode(" "));
    node.appendChild(tag);
  }

  /** A result's body in its card, opening with its title linked to its page. */
  hitBody(card, url, title, terms) {
    const body = this.el("div", "search-hit__body");
    card.appendChild(body);
    const heading = this.el("h3", "search-hit__name");
    const link = this.el("a");
    link.href = safeUrl(url) || "#";
    this.highlight(link, title, terms);
    heading.appendChild(link);
    body.appendChild(heading);
    return body;
  }

  /** A partner's card; `state` marks the selected expertise and the countries it serves. */
  partnerCard(p, terms, state) {
    const text = this.i18n.text;
    const item = this.el("li", "search-hit");
    const card = this.el("article", "card search-hit__card");
    item.appendChild(card);

    const logoUrl = safeUrl(p.logo);
    let logo;
    if (logoUrl) {
      logo = this.el("img", "partner-logo search-hit__logo");
      logo.src = logoUrl;
      logo.alt = "";
      logo.width = 56;
      logo.height = 56;
      logo.loading = "lazy";
      logo.decoding = "async";
    } else {
      logo = this.el("span", "partner-logo partner-logo--placeholder search-hit__logo", (p.name || "?").slice(0, 1));
      logo.setAttribute("aria-hidden", "true");
    }
    card.appendChild(logo);

    const body = this.hitBody(card, p.url, p.name, terms);

    const where = this.el("p", "search-hit__location");
    const place = this.el("span");
    this.fill(place, "location", { city: p.city || "", country: this.label("country", p.country) }, terms);
    where.appendChild(place);
    const served = state.country.length && state.country.indexOf(p.country) < 0
      ? state.country.filter((c) => p.countries.indexOf(c) >= 0) : [];
    if (served.length) {
      const names = served.map((c) => this.label("country", c)).join(", ");
      where.appendChild(this.el("span", "search-hit__serves", text("also_serves", { country: names })));
    }
    body.appendChild(where);

    if (p.tagline) {
      const tagline = this.el("p", "search-hit__tagline");
      tagline.appendChild(this.langAttr(this.highlight(this.el("span"), p.tagline, terms), p.tagline_lang));
      this.appendLangTag(tagline, p.tagline_lang);
      body.appendChild(tagline);
    }
    if (terms && terms.size && p.excerpt) {
      const snippet = this.highlight(this.el("p", "search-hit__snippet"), p.excerpt, terms);
      body.appendChild(this.langAttr(snippet, p.excerpt_lang));
    }

    const meta = this.el("div", "search-hit__meta");
    if (p.expertise.length) {
      const tags = this.el("ul", "tag-list search-hit__tags");
      tags.setAttribute("aria-label", text("expertise"));
      p.expertise.forEach((id) => {
        const selected = state.expertise.indexOf(id) >= 0;
        const tag = this.el("li", "tag" + (selected ? " tag--selected" : ""));
        this.highlight(tag, this.label("expertise", id), terms);
        tags.appendChild(tag);
      });
      meta.appendChild(tags);
    }
    if (p.rating && p.rating.count > 0) {
      const average = new Intl.NumberFormat(this.lang, { maximumFractionDigits: 1 }).format(p.rating.average);
      const rating = this.el("p", "search-hit__rating");
      const stars = this.el("span", "search-hit__stars", "★");
      stars.setAttribute("aria-hidden", "true");
      rating.appendChild(stars);
      rating.appendChild(this.document.createTextNode(
        p.rating.count === 1
          ? text("rating_one", { average })
          : text("rating_other", { average, count: p.rating.count })
      ));
      meta.appendChild(rating);
    } else {
      // Said, not left out: a card without a rating would read as "not rated yet" or as "bad".
      meta.appendChild(this.el("p", "search-hit__rating search-hit__rating--none", text("rating_none")));
    }
    if (!p.accepting) {
      meta.appendChild(this.el("p", "badge badge--muted", text("not_accepting")));
    }
    body.appendChild(meta);
    return item;
  }

  /** A case's card: title, date, partner, summary. */
  caseCard(c, terms) {
    const item = this.el("li", "search-hit search-hit--case");
    const card = this.langAttr(this.el("article", "card search-hit__card search-hit__card--case"), c.lang);
    item.appendChild(card);
    const body = this.hitBody(card, c.url, c.title, terms);
    const meta = this.el("p", "search-hit__location");
    meta.lang = this.lang;
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(c.date || "");
    if (parts) {
      const day = new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
      const time = this.el("time", "", new Intl.DateTimeFormat(this.lang, { dateStyle: "long" }).format(day));
      time.dateTime = c.date;
      meta.appendChild(time);
    }
    if (c.partner_name) {
      meta.appendChild(this.el("span", "search-hit__by", this.i18n.text("by_partner", { partner: c.partner_name })));
    }
    this.appendLangTag(meta, c.lang);
    body.appendChild(meta);
    if (c.summary) {
      body.appendChild(this.highlight(this.el("p", "search-hit__snippet"), c.summary, terms));
    }
    return item;
  }
}

/**
 * The partner list: rebuilt only when what it shows changed; "Show more" appends to it.
 * `elements`: {list, empty, more}.
 */
export class ResultList {
  constructor(cards, elements, i18n) {
    this.cards = cards;
    this.elements = elements;
    this.i18n = i18n;
    this.shown = PAGE_SIZE;
    this.rendered = { signature: null, slugs: [] };
  }

  /** Back to the first page of results (a new search). */
  rewind() {
    this.shown = PAGE_SIZE;
  }

  /** One page more on the next render. */
  more() {
    this.shown += PAGE_SIZE;
  }

  /** Build the list again on the next render, whatever it shows (new terms to mark). */
  invalidate() {
    this.rendered = { signature: null, slugs: [] };
  }

  render(results, matches, state, words) {
    const { list, empty, more } = this.elements;
    const visible = results.slice(0, this.shown);
    const slugs = visible.map((p) => p.slug);
    const signature = words.map((w) => w.text).join(" ") + "\u0000" +
      JSON.stringify([state.expertise, state.country]);
    const same = signature === this.rendered.signature;
    const prefixOf = (a, b) => a.length <= b.length && a.every((slug, i) => slug === b[i]);
    if (!(same && slugs.length === this.rendered.slugs.length && prefixOf(this.rendered.slugs, slugs))) {
      const start = same && prefixOf(this.rendered.slugs, slugs) ? this.rendered.slugs.length : 0;
      const fragment = this.cards.document.createDocumentFragment();
      visible.slice(start).forEach((p) => {
        const match = matches ? matches.get(p.slug) : null;
        fragment.appendChild(this.cards.partnerCard(p, match ? match.terms : null, state));
      });
      if (start === 0) {
        list.replaceChildren(fragment);
      } else {
        list.appendChild(fragment);
      }
      this.rendered = { signature, slugs };
    }
    empty.hidden = results.length > 0;
    const remaining = results.length - visible.length;
    more.hidden = remaining <= 0;
    if (remaining > 0) {
      setText(more, this.i18n.text("show_more", { count: Math.min(PAGE_SIZE, remaining) }));
    }
  }
}

/** Results of another kind beside the partners (the cases): `elements` {section, list},
    `card(record, terms)` a result's card; rebuilt when what it shows changes. */
export class RelatedList {
  constructor(card, elements) {
    this.card = card;
    this.elements = elements;
    this.key = "";
  }

  invalidate() {
    this.key = "";
  }

  /** `found`: [{record, terms}] (results.js relatedResults), or null for none to show. */
  render(found, words) {
    const { section, list } = this.elements;
    if (!found) {
      section.hidden = true;
      this.key = "";
      return;
    }
    const key = words.map((w) => w.text).join(" ") + "|" + found.map((f) => f.record.slug).join(",");
    if (key !== this.key) {
      list.replaceChildren(...found.map((f) => this.card(f.record, f.terms)));
      this.key = key;
    }
    section.hidden = found.length === 0;
  }
}
