// Decap starts by itself when its bundle loads, before our formats are registered; this flag
// (read by the bundle, so a classic script before it) makes it wait for CMS.init() in preview.js.
window.CMS_MANUAL_INIT = true;
