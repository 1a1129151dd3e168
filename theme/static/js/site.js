/*
 * Copernica Partner Directory: small progressive enhancements, no dependencies.
 *
 * Sortable tables: a <table data-sortable> gets a button in each column header that has a
 * data-sort-type attribute. Without JavaScript the table stays as it was rendered (name order).
 * Cells may carry data-sort-value to sort on something other than their visible text.
 * Only textContent is ever written: no HTML is built from page content.
 * An ES module (<script type="module">), like every theme script.
 */
function cellValue(row, index) {
  var cell = row.cells[index];
  if (!cell) {
    return "";
  }
  var value = cell.getAttribute("data-sort-value");
  return (value !== null ? value : cell.textContent).trim();
}

function makeSortable(table) {
  var head = table.tHead;
  var body = table.tBodies[0];
  if (!head || !body || !head.rows.length) {
    return;
  }
  var lang = document.documentElement.lang || undefined;
  var collator = typeof Intl !== "undefined" && Intl.Collator
    ? new Intl.Collator(lang, { numeric: true, sensitivity: "base" })
    : null;
  var compare = collator ? collator.compare : function (a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  };
  var headers = Array.prototype.slice.call(head.rows[0].cells);

  // Announce the new order to screen readers (texts come from the page, via data attributes).
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  status.setAttribute("role", "status");
  table.parentNode.insertBefore(status, table.nextSibling);

  var hint = table.querySelector("[data-sort-hint]");
  if (hint) {
    hint.hidden = false;
  }

  // Remember the rendered order, so equal values keep it (stable sort on every engine).
  Array.prototype.forEach.call(body.rows, function (row, i) {
    row.setAttribute("data-sort-index", String(i));
  });

  function sortBy(index, direction) {
    var rows = Array.prototype.slice.call(body.rows);
    var factor = direction === "descending" ? -1 : 1;
    rows.sort(function (a, b) {
      var result = compare(cellValue(a, index), cellValue(b, index));
      if (result === 0) {
        result = Number(a.getAttribute("data-sort-index")) - Number(b.getAttribute("data-sort-index"));
        return result;
      }
      return result * factor;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) {
      fragment.appendChild(row);
    });
    body.appendChild(fragment);

    headers.forEach(function (th, i) {
      if (i === index) {
        th.setAttribute("aria-sort", direction);
      } else if (th.hasAttribute("aria-sort")) {
        th.removeAttribute("aria-sort");
      }
    });

    var template = table.getAttribute(
      direction === "descending" ? "data-sort-descending" : "data-sort-ascending"
    );
    var label = headers[index].getAttribute("data-sort-label") || "";
    if (template) {
      status.textContent = template.split("{column}").join(label);
    }
  }

  headers.forEach(function (th, index) {
    if (!th.hasAttribute("data-sort-type")) {
      return;
    }
    th.setAttribute("data-sort-label", th.textContent.trim());
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    while (th.firstChild) {
      button.appendChild(th.firstChild);
    }
    var icon = document.createElement("span");
    icon.className = "sort-button__icon";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      sortBy(index, next);
    });
  });

  table.classList.add("is-sortable");
}

function init() {
  var tables = document.querySelectorAll("table[data-sortable]");
  Array.prototype.forEach.call(tables, makeSortable);
}

// A module runs once the document is parsed: the elements are there.
init();
