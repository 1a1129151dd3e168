/*
 * Review form: carry a one-time invitation from the page address into the form.
 *
 * An invitation link looks like /partners/<slug>/?invite=<code>#review. This copies the code
 * into the form's hidden `invite` field and shows a short note. Without JavaScript the form
 * still works: the import also reads the code from the address the form was sent from.
 * Only values and the `hidden` property are set; no HTML is built from the address.
 * An ES module (<script type="module">), like every theme script.
 */
var CODE = /^v1\.[a-z0-9-]{1,60}\.[0-9]{1,12}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}$/;

function init() {
  var form = document.querySelector("form[data-review-form]");
  if (!form || typeof URLSearchParams === "undefined") {
    return;
  }
  var code = new URLSearchParams(window.location.search).get("invite");
  if (!code || !CODE.test(code)) {
    return;
  }
  var field = form.querySelector("input[data-review-invite]");
  var note = form.querySelector("[data-review-invited]");
  if (field) {
    field.value = code;
  }
  if (note) {
    note.hidden = false;
  }
}

// A module runs once the document is parsed: the elements are there.
init();
