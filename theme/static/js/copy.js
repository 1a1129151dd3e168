/*
 * Copy buttons: <button data-copy-target="ID" hidden> copies the text of the read-only
 * <textarea id="ID"> to the clipboard. Without JavaScript the button stays hidden and the text
 * can still be selected and copied by hand. The status texts come from the page (data-copy-done,
 * data-copy-failed) and are written with textContent only: no HTML is built from content.
 * An ES module (<script type="module">), like every theme script.
 */
function legacyCopy(field) {
  // For browsers without the async clipboard API (or outside a secure context).
  field.focus();
  field.select();
  try {
    return document.execCommand("copy");
  } catch (err) {
    return false;
  }
}

function copy(field) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(field.value).then(
      function () { return true; },
      function () { return legacyCopy(field); }
    );
  }
  return Promise.resolve(legacyCopy(field));
}

function init() {
  var buttons = document.querySelectorAll("button[data-copy-target]");
  Array.prototype.forEach.call(buttons, function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field) {
      return;
    }
    var box = button.closest(".copy-box");
    var status = box ? box.querySelector(".copy-box__status") : null;
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(field).then(function (ok) {
        if (status) {
          status.textContent = button.getAttribute(ok ? "data-copy-done" : "data-copy-failed") || "";
        }
        if (!ok) {
          field.focus();
          field.select();
        }
      });
    });
  });
}

// A module runs once the document is parsed: the elements are there.
init();
