/*
 * The facet controls: a fieldset per facet (facets.js declares them), built once when the
 * data has loaded; the boxes follow the state, the numbers follow the counts. A long facet
 * shows its first values and the ticked ones, with a toggle to show all.
 */
import { element, setText } from "./render.js";

const LONG_FACET = 10; // a facet with more values shows the first SHORT_FACET until expanded
const SHORT_FACET = 6;

export class FacetControls {
  /** `container`: where the fieldsets go; `i18n`: the page's texts (i18n.js translator). */
  constructor(document, container, facets, i18n) {
    this.document = document;
    this.container = container;
    this.facets = facets;
    this.i18n = i18n;
    this.controls = {}; // facet name -> Map(value -> {input, item, number, spoken})
    this.collapsible = []; // {facet, button, size, expanded}
  }

  el(tag, className, content) {
    return element(this.document, tag, className, content);
  }

  option(facet, type, value, label) {
    const id = "search-" + facet + "-" + String(value || "any").replace(/[^A-Za-z0-9_-]/g, "_");
    const item = this.el("li", "search-facet__option");
    const box = this.el("input", "search-facet__input");
    box.type = type;
    box.id = id;
    box.name = facet;
    box.value = String(value);
    const labelNode = this.el("label", "search-facet__label");
    labelNode.htmlFor = id;
    labelNode.appendChild(this.el("span", "search-facet__text", label));
    const number = this.el("span", "search-facet__count");
    number.setAttribute("aria-hidden", "true");
    const spoken = this.el("span", "visually-hidden");
    labelNode.appendChild(number);
    labelNode.appendChild(spoken);
    item.appendChild(box);
    item.appendChild(labelNode);
    if (!this.controls[facet]) {
      this.controls[facet] = new Map();
    }
    this.controls[facet].set(String(value), { input: box, item, number, spoken });
    return item;
  }

  fieldset(facet, legend) {
    const set = this.el("fieldset", "search-facet search-facet--" + facet);
    set.appendChild(this.el("legend", "search-facet__legend", legend));
    const list = this.el("ul", "search-facet__options");
    list.id = "search-facet-" + facet;
    set.appendChild(list);
    return { set, list };
  }

  addToggle(group, facet, size) {
    const button = this.el("button", "search-facet__more");
    button.type = "button";
    button.setAttribute("aria-controls", group.list.id);
    const entry = { facet, button, size, expanded: false };
    button.addEventListener("click", () => {
      entry.expanded = !entry.expanded;
      this.applyCollapse(entry);
    });
    group.set.appendChild(button);
    this.collapsible.push(entry);
  }

  applyCollapse(entry) {
    let i = 0;
    this.controls[entry.facet].forEach((control) => {
      control.item.hidden = !entry.expanded && i >= SHORT_FACET && !control.input.checked;
      i += 1;
    });
    entry.button.setAttribute("aria-expanded", String(entry.expanded));
    const text = this.i18n.text;
    setText(entry.button, entry.expanded ? text("show_fewer") : text("show_all", { count: entry.size }));
  }

  /**
   * Every facet's fieldset: a list facet with its values (facets.js facetValues; none: no
   * fieldset), a flag as one box, a minimum as radio buttons ("any" and each option, plus the
   * minimum in `state` if it is none of them), shown only when the data has ratings.
   */
  build(values, state, hasRatings) {
    const text = this.i18n.text;
    const fragment = this.document.createDocumentFragment();
    this.facets.forEach((facet) => {
      const name = facet.name;
      if (facet.type === "list") {
        const options = values[name];
        if (!options.size) {
          return;
        }
        const group = this.fieldset(name, text(facet.legend));
        options.forEach((label, value) => group.list.appendChild(this.option(name, "checkbox", value, label)));
        if (options.size > LONG_FACET) {
          this.addToggle(group, name, options.size);
        }
        fragment.appendChild(group.set);
      } else if (facet.type === "flag") {
        const group = this.fieldset(name, text(facet.legend));
        group.list.appendChild(this.option(name, "checkbox", "1", text(facet.label)));
        fragment.appendChild(group.set);
      } else if (hasRatings) {
        const options = facet.options.slice();
        if (state[name] && options.indexOf(state[name]) < 0) {
          options.push(state[name]);
          options.sort((a, b) => b - a);
        }
        const group = this.fieldset(name, text(facet.legend));
        group.list.appendChild(this.option(name, "radio", "0", text(facet.any)));
        options.forEach((n) => {
          group.list.appendChild(this.option(name, "radio", String(n), text(facet.label, { rating: n })));
        });
        fragment.appendChild(group.set);
      }
    });
    this.container.appendChild(fragment);
  }

  /** The boxes show `state` (after load and on Back/Forward). */
  sync(state) {
    this.facets.forEach((facet) => {
      const controls = this.controls[facet.name];
      if (!controls) {
        return;
      }
      const selected = state[facet.name];
      controls.forEach((control, value) => {
        if (facet.type === "list") {
          control.input.checked = selected.indexOf(value) >= 0;
        } else if (facet.type === "flag") {
          control.input.checked = Boolean(selected);
        } else {
          control.input.checked = String(selected) === value;
        }
      });
    });
    this.collapsible.forEach((entry) => this.applyCollapse(entry));
  }

  /** Each option's number, spoken and shown, from facets.js applyFacets's counts. */
  update(counts) {
    const plural = this.i18n.plural;
    Object.keys(this.controls).forEach((facet) => {
      const table = counts[facet];
      this.controls[facet].forEach((control, value) => {
        const n = table.get(value) || 0;
        setText(control.number, String(n));
        setText(control.spoken, "(" + plural("facet_count_one", "facet_count_other", n) + ")");
        control.item.classList.toggle("is-empty", n === 0);
      });
    });
  }
}
