/*
 * The texts the search shows, in the page's language: a table the page carries (data-i18n),
 * with {placeholders}. Pure: no DOM.
 */

/** The table from the page's JSON; anything unreadable gives an empty table (no texts). */
export function parseTable(json) {
  try {
    const table = JSON.parse(json || "{}");
    return table && typeof table === "object" && !Array.isArray(table) ? table : {};
  } catch (error) {
    return {};
  }
}

/** `text(key, values)` fills a text's {placeholders}; `plural(one, other, count)` picks the
    form for `count`; `template(key)` is the text with its placeholders left in. */
export function translator(table) {
  const template = (key) => (Object.prototype.hasOwnProperty.call(table, key) && table[key] ? String(table[key]) : "");
  const text = (key, values) => {
    let result = template(key);
    if (values) {
      Object.keys(values).forEach((name) => {
        result = result.split("{" + name + "}").join(String(values[name]));
      });
    }
    return result;
  };
  const plural = (one, other, count) => (count === 1 ? text(one, { count }) : text(other, { count }));
  return { text, plural, template };
}
