/**
 * The web editor (Decap CMS at /admin/): our file formats, previews that look like the site
 * (its own stylesheet and a page per content type, in English or Dutch: previews.js), then
 * Decap is started. The page names the vendored YAML library and the stylesheet in its <meta>
 * elements; the previews' words are the site's, written by the build beside config.yml.
 */
import { editorFormats } from "./formats.js";
import { PAGES, pageContext, previewPage, render } from "./previews.js";

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;

/** Today in the editor's own calendar, YYYY-MM-DD: whether an event is still to come. */
function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Decap's preview component for one collection's page; `labels` is preview-labels.json. */
function previewTemplate(page, labels) {
  // Decap exposes React's createElement as h and create-react-class as createClass.
  const { h, createClass } = window;
  return createClass({
    getInitialState() {
      return { lang: labels.default };
    },
    render() {
      const { entry, getAsset, widgetFor, widgetsFor } = this.props;
      const data = entry.get("data")?.toJS() ?? {};
      const ctx = pageContext(labels, this.state.lang, {
        asset: (name) => String(getAsset(name) ?? ""),
        today: today(),
      });
      const tree = previewPage(page(data, ctx), ctx, (lang) => this.setState({ lang }));
      // Markdown: Decap's own preview of the field, sanitised by Decap (DOMPurify).
      const slot = ([name, lang]) => (lang ? widgetsFor(name)?.getIn(["widgets", lang]) : widgetFor(name));
      return render(h, tree, slot);
    },
  });
}

async function loadLabels() {
  try {
    const response = await fetch("preview-labels.json");
    return response.ok ? await response.json() : null;
  } catch {
    return null; // Decap's plain preview then, rather than no editor
  }
}

async function start() {
  const YAML = await import(meta("editor-yaml-module"));
  const [response, labels] = await Promise.all([
    fetch("config.yml", { headers: { Accept: "text/yaml" } }),
    loadLabels(),
  ]);
  const config = YAML.parse(await response.text());
  const cms = window.CMS;
  for (const format of editorFormats(YAML, config)) {
    cms.registerCustomFormat(format.name, format.extension, format);
  }
  const stylesheet = meta("site-stylesheet");
  if (stylesheet) cms.registerPreviewStyle(stylesheet);
  if (labels) {
    for (const collection of config.collections) {
      const page = PAGES[collection.name];
      if (page) cms.registerPreviewTemplate(collection.name, previewTemplate(page, labels));
    }
  }
  cms.init();
}

start();
