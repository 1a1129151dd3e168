/**
 * The web editor (Decap CMS at /admin/): our file formats, the site's own stylesheet in the
 * preview pane (a draft is set as the page it becomes), then Decap is started. The page names
 * the vendored YAML library and the stylesheet in its <meta> elements.
 */
import { editorFormats } from "./formats.js";

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;

async function start() {
  const YAML = await import(meta("editor-yaml-module"));
  const response = await fetch("config.yml", { headers: { Accept: "text/yaml" } });
  const config = YAML.parse(await response.text());
  const cms = window.CMS;
  for (const format of editorFormats(YAML, config)) {
    cms.registerCustomFormat(format.name, format.extension, format);
  }
  const stylesheet = meta("site-stylesheet");
  if (stylesheet) cms.registerPreviewStyle(stylesheet);
  cms.init();
}

start();
